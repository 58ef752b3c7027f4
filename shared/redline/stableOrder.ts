/**
 * Which items kept their order: given items in their new order with their old places, the heaviest
 * subset whose old places increase (a weighted longest increasing subsequence, in O(n log n) with a
 * Fenwick tree of prefix maxima). Everything outside it moved; inserting or deleting a block before
 * others therefore moves nothing, and swapping two blocks moves one.
 */
export function keptOrder(places: readonly number[], weights: readonly number[]): boolean[] {
  const size = places.reduce((m, p) => Math.max(m, p + 1), 0)
  // tree[i]: the best chain ending at an old place within i's range, as [total weight, item].
  const best = new Float64Array(size + 1)
  const ending = new Int32Array(size + 1).fill(-1)
  const previous = new Int32Array(places.length).fill(-1)
  const totals = new Float64Array(places.length)
  const query = (place: number): number => {
    let weight = 0
    let item = -1
    for (let i = place; i > 0; i -= i & -i) {
      if (best[i]! > weight) {
        weight = best[i]!
        item = ending[i]!
      }
    }
    return item
  }
  const update = (place: number, item: number) => {
    for (let i = place; i <= size; i += i & -i) {
      if (totals[item]! > best[i]!) {
        best[i] = totals[item]!
        ending[i] = item
      }
    }
  }
  let last = -1
  places.forEach((place, item) => {
    // Chains may only continue from strictly smaller old places (1-based tree: place p sits at p + 1).
    const before = query(place)
    previous[item] = before
    totals[item] = (before >= 0 ? totals[before]! : 0) + weights[item]!
    update(place + 1, item)
    if (last < 0 || totals[item]! > totals[last]!) last = item
  })
  const kept = new Array<boolean>(places.length).fill(false)
  for (let item = last; item >= 0; item = previous[item]!) kept[item] = true
  return kept
}
