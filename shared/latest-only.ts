/**
 * Overlapping loads of one page, their answers applied in the order they were asked rather than
 * answered: a load that started before another and answers after it is dropped. Without it, figures
 * counted before a campaign sent anything, answered late on a busy machine, replaced the newer ones
 * and the page said "Sent 0" of a finished campaign until the next event (none came).
 */
export class LatestOnly {
  private started = 0;

  /** Call as a load starts; the function returned says whether that load is still the latest. */
  begin(): () => boolean {
    const mine = ++this.started;
    return () => mine === this.started;
  }

  /**
   * For work that adds to what the latest load showed (a next page) without replacing it: the
   * function returned says whether no load has started since.
   */
  current(): () => boolean {
    const seen = this.started;
    return () => seen === this.started;
  }
}
