/** Caret colours with enough contrast on white; a participant always gets the same one. */
const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22', '#ff7f0e', '#3b5b92']

export function userColor(participantId: string): string {
  let h = 0
  for (let i = 0; i < participantId.length; i++) h = (h * 31 + participantId.charCodeAt(i)) >>> 0
  return PALETTE[h % PALETTE.length]!
}
