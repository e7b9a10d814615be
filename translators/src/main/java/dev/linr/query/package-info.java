/**
 * Search request and response value objects and their JSON form (DJL-Serving-compatible bodies).
 *
 * <p>Request: {@code {"vector": [...], "k": 10, "filter": "geo = 'us'", "include":
 * ["attributes"]}}, or a batch {@code {"queries": [{...}, {...}]}}; parsed by {@link
 * dev.linr.query.SearchRequestParser}. Response: {@code {"hits": [{"id": 42, "score": 0.93}],
 * "matched": 1234}}, or for a batch {@code {"responses": [{...}, ...]}}; written by {@link
 * dev.linr.query.SearchResponseWriter} and read back (by clients and tests) with {@link
 * dev.linr.query.SearchResponseParser}. Nothing here depends on DJL.
 */
package dev.linr.query;
