package flinkcoin.job.stages;

import java.util.ArrayList;

/**
 * A product's order book as two sorted lists of [price, size] levels (bids descending, asks ascending),
 * the Java twin of workloads/crypto/book.ts: same binary search, same insert and remove, so the top of
 * book, and every feature derived from it, is bit-identical to the TypeScript workload's.
 */
public class Book {
  public ArrayList<double[]> bids = new ArrayList<>();
  public ArrayList<double[]> asks = new ArrayList<>();

  public Book() {}

  /** A snapshot's levels with size > 0, sorted (flat [price, size] pairs). */
  public static Book fromSnapshot(double[] bids, double[] asks) {
    Book b = new Book();
    keep(bids, b.bids);
    keep(asks, b.asks);
    b.bids.sort((x, y) -> Double.compare(y[0], x[0]));
    b.asks.sort((x, y) -> Double.compare(x[0], y[0]));
    return b;
  }

  private static void keep(double[] flat, ArrayList<double[]> into) {
    for (int i = 0; i + 1 < flat.length; i += 2) if (flat[i + 1] > 0) into.add(new double[] {flat[i], flat[i + 1]});
  }

  /** Applies [side (1 bid, 0 ask), price, size] changes in order. */
  public void apply(double[] changes) {
    for (int i = 0; i + 2 < changes.length; i += 3) {
      boolean bid = changes[i] == 1;
      setLevel(bid ? bids : asks, bid, changes[i + 1], changes[i + 2]);
    }
  }

  /** Sets a level's absolute size (0 removes it); `descending` for bids. */
  private static void setLevel(ArrayList<double[]> levels, boolean descending, double price, double size) {
    int lo = 0;
    int hi = levels.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      double p = levels.get(mid)[0];
      if (descending ? p > price : p < price) lo = mid + 1;
      else hi = mid;
    }
    boolean found = lo < levels.size() && levels.get(lo)[0] == price;
    if (size == 0) {
      if (found) levels.remove(lo);
    } else if (found) {
      levels.get(lo)[1] = size;
    } else {
      levels.add(lo, new double[] {price, size});
    }
  }

  /** Mid price, or NaN when a side is empty or the book is crossed. */
  public double mid() {
    if (bids.isEmpty() || asks.isEmpty()) return Double.NaN;
    double bid = bids.get(0)[0];
    double ask = asks.get(0)[0];
    return ask > bid ? (bid + ask) / 2 : Double.NaN;
  }

  public double imbalance() {
    if (bids.isEmpty() || asks.isEmpty()) return 0;
    double b = bids.get(0)[1];
    double a = asks.get(0)[1];
    return (b - a) / (b + a);
  }
}
