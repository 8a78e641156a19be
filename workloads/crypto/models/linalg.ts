/**
 * Solves A·w = b for a small symmetric positive-definite A by Cholesky factorisation (A = L·Lᵀ).
 * Written out, rather than taken from a matrix library, so that the order of floating-point operations
 * is fixed and documented: the Java twin of this workload must reproduce it to 1e-9.
 */
export function solveSpd(a: readonly number[][], b: readonly number[]): number[] {
  const n = b.length;
  const l: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i][j];
      for (let k = 0; k < j; k++) sum -= l[i][k] * l[j][k];
      if (i === j) {
        if (!(sum > 0)) throw new RangeError(`matrix is not positive definite at row ${i}`);
        l[i][i] = Math.sqrt(sum);
      } else {
        l[i][j] = sum / l[j][j];
      }
    }
  }
  const z = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    let sum = b[i];
    for (let k = 0; k < i; k++) sum -= l[i][k] * z[k];
    z[i] = sum / l[i][i];
  }
  const w = new Array<number>(n);
  for (let i = n - 1; i >= 0; i--) {
    let sum = z[i];
    for (let k = i + 1; k < n; k++) sum -= l[k][i] * w[k];
    w[i] = sum / l[i][i];
  }
  return w;
}
