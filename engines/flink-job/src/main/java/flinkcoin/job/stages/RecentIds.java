package flinkcoin.job.stages;

import java.util.ArrayList;

/**
 * Duplicate detection for ids that rise with bounded disorder (workloads/crypto/recent-ids.ts): the
 * most recent 512 ids, sorted; an id below all of them when full counts as seen.
 */
public class RecentIds {
  private static final int CAPACITY = 512;

  public ArrayList<Long> ids = new ArrayList<>();

  public RecentIds() {}

  /** Records `id`; false if it was already there (a duplicate). */
  public boolean markSeen(long id) {
    int lo = 0;
    int hi = ids.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (ids.get(mid) < id) lo = mid + 1;
      else hi = mid;
    }
    if (lo < ids.size() && ids.get(lo) == id) return false;
    if (lo == 0 && ids.size() >= CAPACITY) return false;
    ids.add(lo, id);
    if (ids.size() > CAPACITY) ids.remove(0);
    return true;
  }
}
