import { ApiError, apiError } from '../api/http'

/** The answer to an upload: its status and JSON body (null when the body is not JSON). */
export interface UploadResponse {
  status: number
  body: unknown
}

export interface Upload {
  done: Promise<UploadResponse>
  abort: () => void
}

/** Thrown when the person cancels an upload; not an error to show. */
export class UploadAborted extends Error {}

/**
 * POSTs a file's raw bytes to the API with XMLHttpRequest, which (unlike fetch) reports upload progress:
 * `onProgress` gets the share sent, 0…1. Resolves with every HTTP answer, so callers can read the body
 * of a 422; rejects only when the server cannot be reached or the upload is aborted.
 */
export function uploadFile(path: string, file: Blob, contentType: string, onProgress: (sent: number) => void): Upload {
  const xhr = new XMLHttpRequest()
  const done = new Promise<UploadResponse>((resolve, reject) => {
    xhr.open('POST', `/api${path}`)
    xhr.setRequestHeader('content-type', contentType)
    xhr.withCredentials = true
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total)
    }
    xhr.upload.onload = () => onProgress(1)
    xhr.onload = () => {
      let body: unknown = null
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null
      } catch {
        // Not JSON (a proxy's error page): the status speaks for itself.
      }
      resolve({ status: xhr.status, body })
    }
    xhr.onerror = () => reject(ApiError.unreachable())
    xhr.onabort = () => reject(new UploadAborted('Upload cancelled.'))
    xhr.send(file)
  })
  return { done, abort: () => xhr.abort() }
}

/** The message of a failed answer. */
export const errorMessage = (res: UploadResponse): string => apiError(res.status, res.body).message
