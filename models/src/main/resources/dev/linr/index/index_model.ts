class IndexModel(Module):
  __parameters__ = []
  __buffers__ = [${BUFFER_NAMES}]
${BUFFER_DECLARATIONS}
  training : bool
  format_version : int
  chunk_rows : int
  def forward(self: __torch__.IndexModel,
    queries: Tensor,
    k: Tensor,
    allow: Tensor) -> Tuple[Tensor, Tensor, Tensor, Tensor]:
    n = int(self.hwm[0])
    q = self.prepare_queries(queries)
    allowed = self.allowed(allow, n, q.size(0))
    matched = torch.sum(allowed, 1)
    scores = torch.masked_fill(self.score(q, n), torch.bitwise_not(allowed), -inf)
    top_scores, slots = self.select(scores, int(torch.reshape(k, [-1])[0]))
    ids = torch.reshape(torch.index_select(self.ids, 0, torch.reshape(slots, [-1])), slots.size())
    return (top_scores, slots, ids, matched)
  def prepare_queries(self: __torch__.IndexModel,
    queries: Tensor) -> Tensor:
${PREPARE_QUERIES}
  def score(self: __torch__.IndexModel,
    q: Tensor,
    n: int) -> Tensor:
${SCORE}
  def dot(self: __torch__.IndexModel,
    q: Tensor,
    n: int) -> Tensor:
    if torch.element_size(self.emb) == 4:
      return torch.matmul(q, torch.t(self.emb[:n]))
    if q.is_cuda:
      return torch.to(torch.matmul(torch.to(q, self.emb.dtype), torch.t(self.emb[:n])), 6)
    parts: List[Tensor] = [torch.zeros([q.size(0), 0], dtype=6, device=q.device)]
    for start in range(0, n, self.chunk_rows):
      end = min(n, start + self.chunk_rows)
      parts.append(torch.matmul(q, torch.t(torch.to(self.emb[start:end], 6))))
    return torch.cat(parts, 1)
  def allowed(self: __torch__.IndexModel,
    allow: Tensor,
    n: int,
    b: int) -> Tensor:
    alive = torch.unsqueeze(self.alive[:n], 0)
    if torch.numel(allow) == 0:
      return torch.expand(alive, [b, n])
    return torch.logical_and(alive, torch.to(allow[:, :n], 11))
  def select(self: __torch__.IndexModel,
    scores: Tensor,
    k: int) -> Tuple[Tensor, Tensor]:
    take = min(k + 1, scores.size(1))
    vals, idx = torch.topk(scores, take, 1, True, True)
    if take > k:
      last = vals[:, k - 1]
      tied = torch.logical_and(torch.eq(last, vals[:, k]), torch.gt(last, -inf))
      vals = vals[:, :k]
      idx = idx[:, :k]
      if bool(torch.any(tied)):
        for r in range(vals.size(0)):
          if bool(tied[r]):
            idx[r] = self.boundary_ties(scores[r], vals[r, k - 1], k)
            vals[r] = torch.index_select(scores[r], 0, idx[r])
    by_slot, order = torch.sort(idx, 1)
    vals, order2 = torch.sort(torch.gather(vals, 1, order), stable=True, dim=1, descending=True)
    return (vals, torch.gather(by_slot, 1, order2))
  def boundary_ties(self: __torch__.IndexModel,
    row: Tensor,
    kth: Tensor,
    k: int) -> Tensor:
    above = torch.reshape(torch.nonzero(torch.gt(row, kth)), [-1])
    level = torch.reshape(torch.nonzero(torch.eq(row, kth)), [-1])
    return torch.cat([above, level[:k - torch.numel(above)]])
