package dev.linr.serving.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.linr.serving.BadRequestException;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.junit.jupiter.api.Test;

class PageTest {
  private static Page page(String query, int size) {
    return Page.of(new QueryParams(new QueryStringDecoder("/models" + query)), size);
  }

  @Test
  void firstPageHasATokenWhenMoreRemain() {
    assertEquals(new Page(0, 2, "2"), page("?limit=2", 5));
  }

  @Test
  void middlePageContinuesFromTheToken() {
    assertEquals(new Page(2, 4, "4"), page("?limit=2&next_page_token=2", 5));
  }

  @Test
  void lastPageHasNoToken() {
    assertEquals(new Page(4, 5, null), page("?limit=2&next_page_token=4", 5));
  }

  @Test
  void exactlyFullLastPageHasNoToken() {
    assertEquals(new Page(0, 5, null), page("?limit=5", 5));
  }

  @Test
  void defaultLimitIs100() {
    assertEquals(new Page(0, 100, "100"), page("", 250));
  }

  @Test
  void limitAbove100IsCapped() {
    assertEquals(new Page(0, 100, "100"), page("?limit=1000", 250));
  }

  @Test
  void tokenPastTheEndIsAnEmptyLastPage() {
    assertEquals(new Page(5, 5, null), page("?next_page_token=9", 5));
  }

  @Test
  void nonIntegerLimitIs400() {
    BadRequestException e = assertThrows(BadRequestException.class, () -> page("?limit=two", 5));
    assertEquals("Parameter limit must be an integer, got: two", e.getMessage());
  }

  @Test
  void zeroLimitIs400() {
    BadRequestException e = assertThrows(BadRequestException.class, () -> page("?limit=0", 5));
    assertEquals("Parameter limit must be at least 1, got: 0", e.getMessage());
  }

  @Test
  void negativeTokenIs400() {
    BadRequestException e =
        assertThrows(BadRequestException.class, () -> page("?next_page_token=-2", 5));
    assertEquals("Parameter next_page_token must be at least 0, got: -2", e.getMessage());
  }
}
