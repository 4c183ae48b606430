// The zero-sum priority rule of wagtail_feedback/rules/priorities.py, in the browser,
// so sliders move at once; the server's answer is still the truth and replaces this.

/** Split `total` over `weights` (array of integers) by largest remainder; equal split if all zero. */
export function apportion(weights, total) {
  if (weights.length === 0) return [];
  let sum = weights.reduce((a, b) => a + b, 0);
  const w = sum === 0 ? weights.map(() => 1) : weights;
  if (sum === 0) sum = weights.length;
  const result = w.map((x) => Math.floor((x * total) / sum));
  const order = w
    .map((x, i) => ({ i, rem: (x * total) % sum }))
    .sort((a, b) => b.rem - a.rem || a.i - b.i);
  let left = total - result.reduce((a, b) => a + b, 0);
  for (const { i } of order) {
    if (left <= 0) break;
    result[i] += 1;
    left -= 1;
  }
  return result;
}

/** Give item `index` the share `target`; the others fill the rest in proportion. */
export function setShare(shares, index, target, budget) {
  if (shares.length === 1) return [budget];
  const t = Math.max(0, Math.min(budget, Math.round(target)));
  const others = shares.filter((_, i) => i !== index);
  const filled = apportion(others, budget - t);
  let k = 0;
  return shares.map((_, i) => (i === index ? t : filled[k++]));
}
