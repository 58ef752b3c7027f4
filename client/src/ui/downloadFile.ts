/** How long a download's object URL is kept: long enough for the browser to have read it. */
const KEEP_URL_MS = 60_000

/** Saves text made in the browser as a file (no round trip to the server). */
export function downloadFile(name: string, text: string, type = 'text/plain;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const link = document.createElement('a')
  link.href = url
  link.download = name
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), KEEP_URL_MS)
}
