package dev.linr.serving.http;

/**
 * One page of a list, as DJL Serving pages {@code GET /models} and {@code GET /workflows}: {@code
 * limit} entries (default and most 100) starting at the index {@code next_page_token} (default 0);
 * the answer's {@code nextPageToken} is the index after the page, present only when more remain.
 *
 * @param from the first index, inclusive
 * @param to the last index, exclusive
 * @param nextPageToken the token of the next page, or null on the last page
 */
record Page(int from, int to, String nextPageToken) {
  static final int MAX_LIMIT = 100;

  /**
   * The page of a list of {@code size} entries that a request asks for.
   *
   * @throws dev.linr.serving.BadRequestException for a {@code limit} that is not an integer of at
   *     least 1, or a {@code next_page_token} that is not an integer of at least 0
   */
  static Page of(QueryParams query, int size) {
    Integer limit = query.optInt("limit", 1);
    Integer token = query.optInt("next_page_token", 0);
    int from = Math.min(token == null ? 0 : token, size);
    int to =
        (int) Math.min((long) from + Math.min(limit == null ? MAX_LIMIT : limit, MAX_LIMIT), size);
    return new Page(from, to, to < size ? String.valueOf(to) : null);
  }
}
