import { useEffect, useState } from 'react'

/** The app's pages, parsed from the URL path. */
export type Route =
  | { page: 'drafts' }
  | { page: 'editor'; documentId: string; commentId?: string }
  | { page: 'dashboard'; documentId: string }
  | { page: 'version'; documentId: string; versionId: string }
  | { page: 'compare'; documentId: string; from: string; to: string }
  | { page: 'changes'; documentId: string; since?: string }
  | { page: 'participants' }
  | { page: 'settings' }
  | { page: 'signin' }
  | { page: 'not-found' }

export function parseRoute(pathname: string, search = ''): Route {
  const params = new URLSearchParams(search)
  if (pathname === '/' || pathname === '') return { page: 'drafts' }
  if (pathname === '/signin') return { page: 'signin' }
  if (pathname === '/participants') return { page: 'participants' }
  if (pathname === '/settings') return { page: 'settings' }
  let m = /^\/d\/([A-Za-z0-9_-]{1,64})\/?$/.exec(pathname)
  if (m) {
    const commentId = params.get('comment')
    return { page: 'editor', documentId: m[1]!, ...(commentId ? { commentId } : {}) }
  }
  m = /^\/d\/([A-Za-z0-9_-]{1,64})\/dashboard\/?$/.exec(pathname)
  if (m) return { page: 'dashboard', documentId: m[1]! }
  m = /^\/d\/([A-Za-z0-9_-]{1,64})\/v\/([A-Za-z0-9_-]{1,64})\/?$/.exec(pathname)
  if (m) return { page: 'version', documentId: m[1]!, versionId: m[2]! }
  m = /^\/d\/([A-Za-z0-9_-]{1,64})\/compare\/?$/.exec(pathname)
  if (m && params.get('from')) return { page: 'compare', documentId: m[1]!, from: params.get('from')!, to: params.get('to') ?? 'live' }
  m = /^\/d\/([A-Za-z0-9_-]{1,64})\/changes\/?$/.exec(pathname)
  if (m) {
    const since = params.get('since')
    return { page: 'changes', documentId: m[1]!, ...(since ? { since } : {}) }
  }
  return { page: 'not-found' }
}

const listeners = new Set<() => void>()

/** Client-side navigation (pushState); pages re-render through useRoute. */
export function navigate(to: string, replace = false): void {
  if (replace) history.replaceState(null, '', to)
  else history.pushState(null, '', to)
  for (const l of listeners) l()
}

export function useRoute(): Route {
  const read = () => parseRoute(location.pathname, location.search)
  const [route, setRoute] = useState<Route>(read)
  useEffect(() => {
    const update = () => setRoute(read())
    listeners.add(update)
    window.addEventListener('popstate', update)
    return () => {
      listeners.delete(update)
      window.removeEventListener('popstate', update)
    }
  }, [])
  return route
}
