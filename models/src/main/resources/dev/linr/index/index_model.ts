class IndexModel(Module):
  __parameters__ = []
  __buffers__ = [${BUFFER_NAMES}]
${BUFFER_DECLARATIONS}
  training : bool
  format_version : int
  chunk_rows : int
  dead_rows : int
  def ${SEARCH_METHOD}(self: __torch__.IndexModel,
    queries: Tensor,
    k: Tensor,
    filter_ops: Tensor,
    filter_ints: Tensor,
    filter_floats: Tensor,
    allow: Tensor,
    options: Tensor) -> Tuple[Tensor, Tensor, Tensor, Tensor, Tensor]:
    # Inputs: queries [B, d] float32; k [1] int64; the compiled filters (see filter_masks);
    # allow bool [B or 1, capacity] or empty; options float64 [2] or [3] = (compact threshold:
    # the pass rate at which compact and masked cost the same for one query, see use_compact;
    # forced path: -1 auto, 0 masked, 1 compact, 2 indexed; the query time in epoch seconds:
    # rows whose expiry is at or before it do not match; without it nothing expires) and
    # optionally options[3], a limit on the call's work (see small_limit).
    # Outputs: scores [B, k'], slots [B, k'], ids [B, k'], matched [B], path [1] (0 masked,
    # 1 compact, 2 indexed; -1 declined, see small_limit). Row b holds min(k, matched[b]) valid
    # hits, best first; the rest is padding.
    n = int(self.hwm)
    # Read on the host once (one copy, and one list rather than an operator per value read).
    opts = annotate(List[float], torch.to(options, torch.device("cpu")).tolist())
    q = self.prepare_queries(queries)
    b = q.size(0)
    kk = int(torch.reshape(k, [-1])[0])
    # A batch sharing one program reads it once (see one_program).
    common = self.one_program(filter_ops, filter_ints, filter_floats, b)
    limit = self.small_limit(opts, n, q.size(1))
    indexed = self.search_indexed(q, kk, filter_ops, filter_ints, filter_floats, allow, opts, n, common, limit)
    if indexed is not None:
      top_scores, slots, matched = indexed
      ids = torch.reshape(torch.index_select(self.ids, 0, torch.reshape(slots, [-1])), slots.size())
      return (top_scores, slots, ids, matched, torch.tensor([2]))
    if limit >= 0:
      return self.declined(b, q.device)
    live = self.live_rows(n, opts, None)
    mask = self.filter_masks(filter_ops, filter_ints, filter_floats, b, n, live, common)
    if torch.gt(torch.numel(allow), 0):
      mask = torch.logical_and(mask, torch.to(allow[:, :n], 11))
    # A mask shared by the batch stays one row [1, n]: it is counted once and broadcast.
    matched = self.count_matches(mask, filter_ops, allow, opts, n)
    if torch.size(matched, 0) != b:
      matched = torch.clone(torch.expand(matched, [b]))
    # The fewest and the most matches of a query, read once.
    counts = annotate(List[int], torch.stack([torch.min(matched), torch.max(matched)]).tolist())
    if self.use_compact(mask, n, opts, b, counts[1]):
      top_scores, slots = self.search_compact(q, mask, matched, kk, n, counts[0])
      path = 1
    else:
      top_scores, slots = self.search_masked(q, mask, kk, n, counts[0])
      path = 0
    ids = torch.reshape(torch.index_select(self.ids, 0, torch.reshape(slots, [-1])), slots.size())
    return (top_scores, slots, ids, matched, torch.tensor([path]))
  def small_limit(self: __torch__.IndexModel,
    opts: List[float],
    n: int,
    d: int) -> int:
    # A caller may ask for small work only (options[3]: the most values, rows times the values
    # each is scored with, the call may read), to run it on one thread: on CPU an operator split
    # over threads waits for a sleeping thread to wake, which costs more than a small search
    # (BENCHMARKS.md, "One thread for small searches"). Such a call takes the indexed path when
    # its work is within the limit, else it declines (path -1, no hits) and the caller repeats it
    # without the limit. -1: no limit, or an index so small that every search is within it.
    if len(opts) < 4:
      return -1
    limit = int(opts[3])
    if n * d <= limit:
      return -1
    return limit
  def declined(self: __torch__.IndexModel,
    b: int,
    device: Device) -> Tuple[Tensor, Tensor, Tensor, Tensor, Tensor]:
    # The answer of a call that declined its work (see small_limit): no hits, path -1.
    slots = torch.zeros([b, 0], dtype=4, device=device)
    ids = torch.reshape(torch.index_select(self.ids, 0, torch.reshape(slots, [-1])), slots.size())
    scores = torch.zeros([b, 0], dtype=6, device=device)
    return (scores, slots, ids, torch.zeros([b], dtype=4, device=device), torch.tensor([-1]))
  def count_matches(self: __torch__.IndexModel,
    mask: Tensor,
    ops: Tensor,
    allow: Tensor,
    opts: List[float],
    n: int) -> Tensor:
    # How many slots each row of the batch's mask holds. Without a filter, allow mask or expiry
    # check the mask is the live slots below n, which the model keeps counted (dead_rows): on CPU
    # counting 1M flags took 0.2-1.8 ms, a tenth of a B=1 scan at the host's faster moments.
    if torch.size(ops, 0) == 0 and torch.numel(allow) == 0 and not self.checks_expiry(opts, mask.is_cuda):
      return torch.tensor([n - self.dead_rows], dtype=4, device=mask.device)
    return self.count_rows(mask)
  def count_rows(self: __torch__.IndexModel,
    mask: Tensor) -> Tensor:
    # How many slots each row of a [R, n] mask holds. On a CPU, counting along a row of a 2-D bool
    # tensor takes a slow path (about 4 ms a row of 1M slots, where counting a whole tensor of that
    # size takes 0.4 ms), so each row is counted whole.
    if mask.is_cuda:
      return torch.count_nonzero(mask, [1])
    counts = annotate(List[Tensor], [])
    for r in range(mask.size(0)):
      counts.append(torch.count_nonzero(mask[r]))
    return torch.stack(counts)
  def live_rows(self: __torch__.IndexModel,
    n: int,
    opts: List[float],
    rows: Optional[Tensor]) -> Tensor:
    # Which of slots [0, n) (or of the given rows) are alive and not expired at the query time
    # options[2], if given.
    alive = self.at_rows(self.alive, rows, n)
    if self.checks_expiry(opts, alive.is_cuda):
      alive = torch.logical_and(alive, torch.gt(self.at_rows(self.expires, rows, n), int(opts[2])))
    return alive
  def checks_expiry(self: __torch__.IndexModel,
    opts: List[float],
    cuda: bool) -> bool:
    # Whether a query at time options[2] (if given) checks the expiry times. On a CPU, where the
    # check is a pass over them, a query before the soonest expiry skips it (on a GPU, reading
    # the bound would wait for the device).
    if len(opts) <= 2:
      return False
    return cuda or int(opts[2]) >= int(self.soonest)
  def at_rows(self: __torch__.IndexModel,
    buffer: Tensor,
    rows: Optional[Tensor],
    n: int) -> Tensor:
    # A per-slot buffer's slots [0, n), or its given rows.
    if rows is None:
      return buffer[:n]
    return torch.index_select(buffer, 0, rows)
  def write_rows(self: __torch__.IndexModel,
    slots: Tensor,
    rows: List[Tensor]) -> int:
    # Live updates: copies rows[i] (one tensor per per-slot buffer except alive, in the buffer
    # order of IndexLayout.rowBuffers, in each buffer's dtype, except int16 and bfloat16 rows,
    # which come widened to int32 and float32 holding the exact values) into the given slots.
    # The slots must not be alive: no search reads them until set_alive publishes them.
${WRITE_ROWS}
    self.note_rewritten(slots)
    return torch.numel(slots)
  def lower_soonest(self: __torch__.IndexModel,
    expires: Tensor) -> None:
    # Written rows expiring before the soonest expiry lower it (a lower bound stays true).
    if torch.numel(expires) > 0:
      bound = torch.copy_(self.soonest, torch.minimum(self.soonest, torch.amin(expires, [0], True)))
  def note_rewritten(self: __torch__.IndexModel,
    slots: Tensor) -> None:
    # Written slots below the indexed mark join the rewritten list, which every indexed search
    # takes as candidates (their sorted entries may hold old values); when it is full, the mark
    # drops to 0 and searches scan until the next reindex.
    mark = int(self.indexed)
    old = torch.masked_select(slots, torch.lt(slots, mark))
    count = int(self.rewritten_count)
    m = torch.numel(old)
    if m > 0:
      if count + m <= torch.size(self.rewritten, 0):
        self.rewritten[count:count + m] = old
        filled = torch.fill_(self.rewritten_count, count + m)
      else:
        dropped = torch.fill_(self.indexed, 0)
  def reindex(self: __torch__.IndexModel) -> int:
    # Builds the attribute index over slots [0, hwm): each indexed column's values sorted (stable,
    # so equal values keep slot order) with their slots, and an empty rewritten list. It rewrites
    # buffers that searches read: callers keep searches out while it runs.
    n = int(self.hwm)
${REINDEX_COLUMNS}
    cleared = torch.fill_(self.rewritten_count, 0)
    marked = torch.fill_(self.indexed, n)
    # The soonest expiry of the live slots (the largest int64 when none is live); as many
    # expiries as live slots, so the dead rows are the rest.
    never = torch.full([1], 9223372036854775807, dtype=4, device=self.expires.device)
    live = torch.masked_select(self.expires[:n], self.alive[:n])
    bound = torch.copy_(self.soonest, torch.amin(torch.cat([live, never]), [0], True))
    self.dead_rows = n - torch.numel(live)
    return n
  def set_alive(self: __torch__.IndexModel,
    slots: Tensor,
    flags: Tensor,
    hwm: Tensor) -> int:
    # Live updates: sets alive[slots] = flags (bool) and the high-water mark hwm (int64 [1]),
    # and keeps dead_rows, the slots below the mark not alive, counted: from the flags that
    # change among the distinct slots below the new mark, and those that the mark's move takes
    # in or leaves out.
    old = int(self.hwm)
    new = int(hwm)
    below = torch._unique2(torch.masked_select(slots, torch.lt(slots, new)), True, False, False)[0]
    live = old - self.dead_rows - int(torch.count_nonzero(torch.index_select(self.alive, 0, below)))
    if new >= old:
      live = live + int(torch.count_nonzero(self.alive[old:new]))
    else:
      live = live - int(torch.count_nonzero(self.alive[new:old]))
    alive = torch.index_copy_(self.alive, 0, slots, flags)
    mark = torch.copy_(self.hwm, hwm)
    self.dead_rows = new - live - int(torch.count_nonzero(torch.index_select(self.alive, 0, below)))
    return torch.numel(slots)
  def search_indexed(self: __torch__.IndexModel,
    q: Tensor,
    k: int,
    ops: Tensor,
    ints: Tensor,
    floats: Tensor,
    allow: Tensor,
    opts: List[float],
    n: int,
    common: int,
    limit: int) -> Optional[Tuple[Tensor, Tensor, Tensor]]:
    # The attribute index path. A query's candidates are the slots of the most selective IN or
    # RANGE on an indexed column among the operands ANDed at the top of its filter, found by binary
    # search in the sorted column, plus the slots written since the index was built (see
    # index_candidates); its whole filter then runs on those candidates alone, and the batch is
    # scored against the union of what passes. Taken automatically when every query has a filter
    # with at most options[0] / 2 * n candidates; forced (options[1] == 2), always, the candidates
    # of a query without an indexed operand being every slot. Returns (scores, slots, matched), or
    # None when not taken (or when its work is over the limit, see small_limit).
    forced = int(opts[1])
    if forced != -1 and forced != 2:
      return None
    if forced == -1 and torch.size(ops, 0) == 0:
      return None
    b = q.size(0)
    # A candidate costs a few times what a scanned row does (gathers, a sort): the index is
    # taken up to half the pass rate at which the compact path pays. Forced or not, candidates
    # beyond a quarter of that are narrowed by the query's other indexed operands.
    budget = int(opts[0] * n / 2)
    enough = budget // 4
    if forced != -1:
      budget = n
    # A batch sharing one program (common > 0: its rows) reads it once, for every query.
    if common > 0:
      ops = ops[:common]
      program = annotate(List[List[int]], ops.tolist())
      if allow.size(0) <= 1:
        # Without allow masks of their own, the queries pass the same slots: one list for all
        # (the per-query loops below cost the interpreter about 1 us a query).
        passing = self.passing_candidates(ops, program, ints, floats, 0, common - 1, n, opts, budget, enough)
        if passing is None:
          return None
        if torch.numel(allow) > 0:
          passing = self.allowed_slots(passing, allow[0])
        matched = torch.full([b], torch.numel(passing), dtype=4, device=q.device)
        return self.search_one_list(q, k, passing, matched, n, limit)
      firsts = [0] * b
      ends = [common - 1] * b
    else:
      w, head = self.one_shape(ops, b)
      if w > 0:
        firsts, ends = self.shape_spans(w, b)
        return self.search_indexed_together(q, k, ops, head, ints, floats, allow, opts, n, budget, enough, firsts, ends, limit)
      program = annotate(List[List[int]], ops.tolist())
      firsts, ends = self.program_spans(program, b)
    # The arguments as lists, for comparing the programs of queries one after another.
    int_args = annotate(List[int], [])
    float_args = annotate(List[float], [])
    if common == 0 and b > 1:
      int_args = annotate(List[int], ints.tolist())
      float_args = annotate(List[float], floats.tolist())
    # Each query's passing slots (ascending) before the allow masks; a query whose program repeats
    # the previous query's shares its list.
    bases = annotate(List[Tensor], [])
    shared = True
    for r in range(b):
      if firsts[r] < 0:
        if forced == -1:
          return None
        if r > 0 and firsts[r - 1] < 0:
          bases.append(bases[r - 1])
        else:
          bases.append(torch.reshape(torch.nonzero(self.live_rows(n, opts, None)), [-1]))
          shared = shared and r == 0
      elif r > 0 and firsts[r - 1] >= 0 and (firsts[r] == firsts[r - 1] or (firsts[r] == ends[r - 1] + 1 and self.same_program(program, int_args, float_args, firsts[r - 1], firsts[r], ends[r] + 1))):
        bases.append(bases[r - 1])
      else:
        passing = self.passing_candidates(ops, program, ints, floats, firsts[r], ends[r], n, opts, budget, enough)
        if passing is None:
          return None
        bases.append(passing)
        shared = shared and r == 0
    lists = annotate(List[Tensor], [])
    for r in range(b):
      passing = bases[r]
      if torch.gt(torch.numel(allow), 0):
        row = allow[0]
        if allow.size(0) > 1:
          row = allow[r]
          shared = False
        passing = self.allowed_slots(passing, row)
      lists.append(passing)
    sizes = annotate(List[int], [])
    for r in range(b):
      sizes.append(torch.numel(lists[r]))
    matched = torch.tensor(sizes, dtype=4, device=q.device)
    if shared:
      return self.search_one_list(q, k, lists[0], matched, n, limit)
    if limit >= 0 and sum(sizes) * q.size(1) > limit:
      return None
    owners = torch.repeat_interleave(torch.arange(b, device=q.device), matched)
    return self.search_pairs(q, k, owners, torch.cat(lists), matched, n)
  def search_one_list(self: __torch__.IndexModel,
    q: Tensor,
    k: int,
    passing: Tensor,
    matched: Tensor,
    n: int,
    limit: int) -> Optional[Tuple[Tensor, Tensor, Tensor]]:
    # Every query of the batch against the one list of slots they all pass: (scores, slots,
    # matched), or None when over the work limit (see small_limit).
    if limit >= 0 and torch.numel(passing) * (q.size(1) + q.size(0)) > limit:
      return None
    # (The list is ascending on a GPU only, see index_candidates.)
    vals, slots = self.search_rows(q, passing, None, matched, k, n, q.is_cuda)
    return (vals, slots, matched)
  def passing_candidates(self: __torch__.IndexModel,
    ops: Tensor,
    program: List[List[int]],
    ints: Tensor,
    floats: Tensor,
    first: int,
    end: int,
    n: int,
    opts: List[float],
    budget: int,
    enough: int) -> Optional[Tensor]:
    # The live slots that pass the program rows [first, end), in the order of the candidates the
    # program runs on (see index_candidates); None when over budget.
    candidates = self.index_candidates(ops, program, ints, floats, first, end, n, budget, enough)
    if candidates is None:
      return None
    m = torch.numel(candidates)
    keep = torch.logical_and(self.live_rows(m, opts, candidates), self.run_program(program, ints, floats, first, end, m, self.alive, candidates))
    if self.all_kept(keep):
      return candidates
    return torch.masked_select(candidates, keep)
  def all_kept(self: __torch__.IndexModel,
    keep: Tensor) -> bool:
    # Whether every flag of keep is set, so that the copies it would select are skipped: asked on
    # CPU, where its answer costs two small operators against a copy each, and on a GPU only for
    # many flags (see many), since reading the answer waits for the device.
    if keep.is_cuda and not self.many(torch.numel(keep)):
      return False
    return bool(torch.all(keep))
  def allowed_slots(self: __torch__.IndexModel,
    slots: Tensor,
    allow: Tensor) -> Tensor:
    # The slots an allow mask row [capacity] lets through.
    return torch.masked_select(slots, torch.index_select(torch.to(allow, 11), 0, slots))
  def one_shape(self: __torch__.IndexModel,
    ops: Tensor,
    b: int) -> Tuple[int, List[List[int]]]:
    # The rows of each query's program, END included, when the batch's programs can be evaluated
    # together (else 0), and the first query's rows as lists (the shape every query has): two or
    # more, one after another in query order, all with the same operations on the same columns
    # with as many arguments, and every predicate an IN or NOT IN of at most 8 values, a RANGE or
    # an EXISTS on a single-valued indexed column. Checked on the rows as one tensor: the
    # interpreter's per-row loop over a batch cost more than the search (and listing every row
    # for it costs about 0.2 us a row). Programs that also share their arguments are found first
    # (one_program); should such a batch come here, evaluating it together is as exact.
    p = ops.size(0)
    none = annotate(List[List[int]], [])
    if b < 2 or p == 0 or p % b != 0:
      return (0, none)
    w = p // b
    program = annotate(List[List[int]], ops[:w].tolist())
    if program[w - 1][1] != 15:
      return (0, none)
    for i in range(w - 1):
      row = program[i]
      op = row[1]
      if op == 15:
        return (0, none)
      if op < 10:
        keys, order, width = self.index_of(row[2])
        if op == 3 or torch.numel(keys) == 0 or width > 0:
          return (0, none)
        if (op == 1 or op == 2) and row[4] > 8:
          return (0, none)
    rows = torch.reshape(ops, [b, w, 5])
    owners = torch.expand(torch.unsqueeze(torch.arange(b, device=ops.device), 1), [b, w])
    if not torch.equal(rows[:, :, 0], owners):
      return (0, none)
    shape = rows[:, :, 1:3]
    if not torch.equal(shape, torch.expand(shape[0:1], [b, w, 2])):
      return (0, none)
    counts = rows[:, :, 4]
    if not torch.equal(counts, torch.expand(counts[0:1], [b, w])):
      return (0, none)
    return (w, program)
  def shape_spans(self: __torch__.IndexModel,
    w: int,
    b: int) -> Tuple[List[int], List[int]]:
    # Each query's first program row and its END row for a batch of one shape (see one_shape):
    # query r's w rows start at r * w. Listed by a tensor: a loop over the batch costs the
    # interpreter more.
    firsts = annotate(List[int], torch.arange(0, b * w, w).tolist())
    return (firsts, annotate(List[int], torch.arange(w - 1, b * w, w).tolist()))
  def program_spans(self: __torch__.IndexModel,
    program: List[List[int]],
    b: int) -> Tuple[List[int], List[int]]:
    # Each query's first program row and its END row (-1: no program).
    firsts = [-1] * b
    ends = [-1] * b
    first = 0
    for i in range(len(program)):
      if program[i][1] == 15:
        firsts[program[i][0]] = first
        ends[program[i][0]] = i
        first = i + 1
    return (firsts, ends)
  def spread_args(self: __torch__.IndexModel,
    ops: Tensor,
    program: List[List[int]],
    ints: Tensor,
    floats: Tensor,
    firsts: List[int],
    ends: List[int],
    owners: Optional[Tensor]) -> Tuple[List[Tensor], List[Tensor]]:
    # The arguments of each row of a batch of one-shape programs (see one_shape), every query's
    # beside each other: [count, B, 1] per predicate row, which compares each query's values with
    # a whole column at once; or, given each pair's query (owners), [count, pairs].
    int_args = annotate(List[Tensor], [])
    float_args = annotate(List[Tensor], [])
    for i in range(ends[0] - firsts[0]):
      if program[firsts[0] + i][4] == 0:
        # Rows without arguments (AND, OR, NOT, TRUE, FALSE, EXISTS): nothing to spread.
        int_args.append(ints[:0])
        float_args.append(floats[:0])
      else:
        # The argument positions, shared by both argument forms.
        at = self.batch_positions(ops, program, firsts, i)
        if owners is None:
          at = torch.unsqueeze(torch.t(at), 2)
        else:
          at = torch.t(torch.index_select(at, 0, owners))
        int_args.append(torch.reshape(torch.index_select(ints, 0, torch.reshape(at, [-1])), at.size()))
        float_args.append(torch.reshape(torch.index_select(floats, 0, torch.reshape(at, [-1])), at.size()))
    return (int_args, float_args)
  def batch_args(self: __torch__.IndexModel,
    ops: Tensor,
    program: List[List[int]],
    args: Tensor,
    firsts: List[int],
    offset: int) -> Tensor:
    # Row firsts[r] + offset's arguments of every query r: [B, count].
    if len(firsts) == 1:
      # One query: its arguments are one slice.
      row = program[firsts[0] + offset]
      return torch.unsqueeze(args[row[3]:row[3] + row[4]], 0)
    at = self.batch_positions(ops, program, firsts, offset)
    return torch.reshape(torch.index_select(args, 0, torch.reshape(at, [-1])), at.size())
  def batch_positions(self: __torch__.IndexModel,
    ops: Tensor,
    program: List[List[int]],
    firsts: List[int],
    offset: int) -> Tensor:
    # Where row firsts[r] + offset's arguments of every query r are in the argument arrays:
    # [B, count]. The queries' first rows are evenly spaced (one query, or a batch of one shape,
    # see shape_spans), so the rows' starts are one strided slice of ops; program holds the
    # first query's rows at least.
    first = firsts[0] + offset
    step = 1
    if len(firsts) > 1:
      step = firsts[1] - firsts[0]
    starts = torch.select(torch.slice(ops, 0, first, firsts[len(firsts) - 1] + offset + 1, step), 1, 3)
    count = program[first][4]
    return torch.add(torch.unsqueeze(starts, 1), torch.unsqueeze(torch.arange(count, device=ops.device), 0))
  def search_indexed_together(self: __torch__.IndexModel,
    q: Tensor,
    k: int,
    ops: Tensor,
    program: List[List[int]],
    ints: Tensor,
    floats: Tensor,
    allow: Tensor,
    opts: List[float],
    n: int,
    budget: int,
    enough: int,
    firsts: List[int],
    ends: List[int],
    limit: int) -> Optional[Tuple[Tensor, Tensor, Tensor]]:
    # The indexed path for a batch of one-shape programs (see one_shape), every step once for the
    # whole batch: the operand with the fewest candidates over the batch, its intervals for every
    # query, the candidates as (query, slot) pairs narrowed by the other operands (see
    # narrow_pairs), and each program evaluated on its own pairs with its own arguments
    # ([count, pairs] per predicate).
    b = len(firsts)
    dev = self.alive.device
    mark = min(int(self.indexed), n)
    extra = torch.cat([torch.arange(mark, n, device=dev), self.rewritten[:int(self.rewritten_count)]])
    e = torch.numel(extra)
    operands = self.indexed_operands(ops, program, ints, floats, firsts, ends, mark)
    queries = torch.arange(b, device=dev)
    # Each query's pairs, where known without counting them.
    counts: Optional[Tensor] = None
    if len(operands) == 0:
      if n > budget or limit >= 0:
        return None
      found = torch.arange(n, device=dev).repeat([b])
      owners = torch.repeat_interleave(queries, n)
    else:
      if int(torch.max(operands[0][4])) + e > budget and not self.narrowable(operands, b, n):
        return None
      # Over the work limit with nothing to narrow by: decline before building the pairs.
      if limit >= 0 and (operands[0][0] + b * e) * q.size(1) > limit and not self.narrowable(operands, b, n):
        return None
      found, owners = self.operand_pairs(operands[0], queries)
      found, owners = self.narrow_pairs(found, owners, operands, b, n, max(enough, budget - e))
      # Each query's pairs: its operand's count unless a second operand narrowed them.
      counted = operands[0][4]
      if torch.numel(found) != operands[0][0]:
        counted = self.owner_counts(owners, b)
      if int(torch.max(counted)) + e > budget:
        return None
      if limit >= 0 and (torch.numel(found) + b * e) * q.size(1) > limit:
        return None
      if e > 0:
        found = torch.cat([found, extra.repeat([b])])
        owners = torch.cat([owners, torch.repeat_interleave(queries, e)])
      else:
        counts = counted
    # Unique (query, slot) pairs, by query then slot. Distinct ones are by query already (see
    # operand_pairs): on CPU they keep each query's key order (see select_any_order), on a GPU
    # they are sorted unless in order already.
    capacity = self.alive.size(0)
    slots = found
    pairs: Optional[Tensor] = None
    if e > 0 or len(operands) == 0 or not self.distinct_slots(operands[0]):
      pairs = torch._unique2(torch.add(torch.mul(owners, capacity), found), True, False, False)[0]
      counts = None
    elif q.is_cuda:
      keyed = torch.add(torch.mul(owners, capacity), found)
      if not self.in_order(keyed):
        pairs = torch.sort(keyed)[0]
    if pairs is not None:
      owners = torch.div(pairs, capacity, rounding_mode="trunc")
      slots = torch.sub(pairs, torch.mul(owners, capacity))
    p = torch.numel(slots)
    int_args, float_args = self.spread_args(ops, program, ints, floats, firsts, ends, owners)
    keep = torch.logical_and(self.live_rows(p, opts, slots), self.evaluate(program, firsts[0], ends[0], int_args, float_args, p, slots))
    if torch.gt(torch.numel(allow), 0):
      if allow.size(0) == 1:
        keep = torch.logical_and(keep, torch.index_select(torch.to(allow[0], 11), 0, slots))
      else:
        flat = torch.to(torch.reshape(allow, [-1]), 11)
        keep = torch.logical_and(keep, torch.index_select(flat, 0, torch.add(torch.mul(owners, allow.size(1)), slots)))
    if not self.all_kept(keep):
      owners = torch.masked_select(owners, keep)
      slots = torch.masked_select(slots, keep)
      counts = None
    if counts is None:
      counts = self.owner_counts(owners, b)
    return self.search_pairs(q, k, owners, slots, counts, n)
  def search_pairs(self: __torch__.IndexModel,
    q: Tensor,
    k: int,
    owners: Tensor,
    slots: Tensor,
    matched: Tensor,
    n: int) -> Tuple[Tensor, Tensor, Tensor]:
    # Scores the batch's passing (query, slot) pairs, by query then slot, each query's slots
    # unique, matched[r] of them query r's: (scores, slots, matched). Either each query against
    # its own rows (see search_own_rows), or the batch against the union of the rows.
    b = q.size(0)
    union: Optional[Tensor] = None
    flags: Optional[Tensor] = None
    if self.sorting_pays(torch.numel(slots), n, q.is_cuda):
      ordered = torch._unique2(slots, True, False, False)[0]
      u = torch.numel(ordered)
      union = ordered
    else:
      # A flag per row (a byte: summing bytes is one quick pass) counts the union; listed, it is
      # the union in order, and summed cumulatively each slot's position in it.
      flags = torch.index_fill_(torch.zeros([n], dtype=0, device=q.device), 0, slots, 1)
      u = int(torch.sum(flags))
    most = int(torch.max(matched))
    if q.is_cuda:
      scored: Optional[Tuple[Tensor, Tensor]] = None
      if self.union_product_pays(b, most, u, n, q.size(1)):
        every = self.listed_union(union, flags)
        scored = (every, self.union_positions(every, slots, flags, n))
      vals, top = self.search_own_rows(q, k, owners, slots, matched, most, n, scored)
      return (vals, top, matched)
    if self.own_rows_pay(b, most, u):
      vals, top = self.search_own_rows(q, k, owners, slots, matched, most, n, None)
      return (vals, top, matched)
    listed = self.listed_union(union, flags)
    passing: Optional[Tensor] = None
    if bool(torch.lt(torch.min(matched), u)):
      # Some query fails part of the union: mark the pairs that pass.
      positions = self.union_positions(listed, slots, flags, n)
      mask = torch.zeros([b * u], dtype=11, device=q.device)
      filled = torch.index_fill_(mask, 0, torch.add(torch.mul(owners, u), positions), 1)
      passing = torch.reshape(mask, [b, u])
    vals, top = self.search_rows(q, listed, passing, matched, k, n, True)
    return (vals, top, matched)
  def sorting_pays(self: __torch__.IndexModel,
    pairs: int,
    n: int,
    cuda: bool) -> bool:
    # Whether sorting a batch's pairs finds the union of their slots below n faster than a flag
    # per row does. On CPU a sort took about 50 ns a pair (6,400 pairs: 0.3 ms) and the flags about
    # 0.4 ns a row (200,000 rows: 80 us, set, summed), so the flags pay from about n / 128 pairs;
    # on a GPU from n / 8.
    if cuda:
      return 8 * pairs < n
    return 128 * pairs < n
  def listed_union(self: __torch__.IndexModel,
    union: Optional[Tensor],
    flags: Optional[Tensor]) -> Tensor:
    # The union in ascending order: as sorted, or else the flagged rows (see search_pairs).
    if union is not None:
      return union
    if flags is not None:
      return torch.reshape(torch.nonzero(flags), [-1])
    return torch.zeros([0], dtype=4)
  def union_positions(self: __torch__.IndexModel,
    union: Tensor,
    slots: Tensor,
    flags: Optional[Tensor],
    n: int) -> Tensor:
    # Each slot's position in the ascending union of slots below n: the slot itself when the
    # union is every slot, else a binary search, or the union's flags counted.
    if torch.numel(union) == n:
      return slots
    if flags is None:
      return torch.searchsorted(union, slots)
    return torch.index_select(torch.sub(torch.cumsum(flags, 0), 1), 0, slots)
  def union_product_pays(self: __torch__.IndexModel,
    b: int,
    most: int,
    u: int,
    n: int,
    d: int) -> bool:
    # On a GPU, where products are cheap and memory traffic is not: whether scoring the batch
    # against its union and picking each pair's score moves fewer values than own rows, whose
    # gathered rows (b * most of d values) are read at random, written and read again. The union
    # writes b * u scores, after gathering its rows unless it is every row.
    gathered = u * d
    if u < n:
      gathered = 3 * u * d
    return b * u + gathered <= 3 * b * most * d
  def own_rows_pay(self: __torch__.IndexModel,
    b: int,
    most: int,
    u: int) -> bool:
    # Own rows gather each query's rows, padded to the most matches (b * most rows), and score
    # each once; the union gathers its u rows once and scores each for every query. Measured on
    # CPU (BENCHMARKS.md, "A filter per query"), own rows pay unless queries share most of their
    # rows: while the union holds at least a third of the padded rows.
    return b * most <= 3 * u
  def search_own_rows(self: __torch__.IndexModel,
    q: Tensor,
    k: int,
    owners: Tensor,
    slots: Tensor,
    matched: Tensor,
    most: int,
    n: int,
    scored: Optional[Tuple[Tensor, Tensor]]) -> Tuple[Tensor, Tensor]:
    # Each query against its own passing rows alone: its slots laid out in a row of a [b, most]
    # grid, in slot order (padding: slot 0, score -inf), scored by one batched product of the
    # rows, or picked from the batch's product with the union (scored: the union and each
    # pair's position in it, see union_pair_scores).
    b = q.size(0)
    width = min(k, n)
    if most == 0:
      return self.no_hits(b, width, q.device)
    # Query r's i-th pair (i counted over the batch) goes to cell r * most + i - (r's first i).
    starts = torch.sub(torch.cumsum(matched, 0), matched)
    shifts = torch.sub(torch.mul(torch.arange(b, device=q.device), most), starts)
    cells = torch.add(torch.arange(torch.numel(slots), device=q.device), torch.index_select(shifts, 0, owners))
    grid = torch.index_copy_(torch.zeros([b * most], dtype=4, device=q.device), 0, cells, slots)
    if scored is None:
      scores = self.pair_scores(q, grid, most)
      position = torch.unsqueeze(torch.arange(most, device=q.device), 0)
      scores = torch.masked_fill(scores, torch.ge(position, torch.unsqueeze(matched, 1)), -inf)
    else:
      scores = self.union_pair_scores(q, scored[0], scored[1], owners, cells, most, n)
    grid = torch.reshape(grid, [b, most])
    if q.is_cuda:
      vals, local = self.select(scores, k)
      top = self.at_columns(grid, local)
    else:
      vals, top = self.select_any_order(scores, grid, k)
    return self.pad_hits(vals, top, matched, width)
  def union_pair_scores(self: __torch__.IndexModel,
    q: Tensor,
    union: Tensor,
    positions: Tensor,
    owners: Tensor,
    cells: Tensor,
    most: int,
    n: int) -> Tensor:
    # The [b, most] grid's scores (padding -inf, float32) picked from the batch's scores against
    # the ascending union (every row when it holds n slots: no gather), at each pair's position.
    b = q.size(0)
    u = torch.numel(union)
    if u == n:
      scores = self.raw_scores(q, self.emb[:n], self.norms_prefix(n))
    else:
      scores = self.union_scores(q, union)
    picked = torch.index_select(torch.reshape(scores, [-1]), 0, torch.add(torch.mul(owners, u), positions))
    grid = torch.full([b * most], -inf, dtype=6, device=q.device)
    return torch.reshape(torch.index_copy_(grid, 0, cells, torch.to(picked, 6)), [b, most])
  def pair_scores(self: __torch__.IndexModel,
    q: Tensor,
    rows: Tensor,
    most: int) -> Tensor:
    # q [b, d] against each query's own most rows (rows [b * most], query after query): [b, most],
    # in float32.
    b = q.size(0)
    # On CPU a group of queries at a time (see gather_values); on a GPU every query at once.
    group = max(1, b)
    if not q.is_cuda:
      group = max(1, self.gather_values() // max(1, most * q.size(1)))
    parts = annotate(List[Tensor], [])
    for start in range(0, b, group):
      end = min(b, start + group)
      parts.append(self.own_dots(q[start:end], rows[start * most:end * most], most))
    dots = parts[0]
    if len(parts) > 1:
      dots = torch.cat(parts, 0)
${PAIR_SCORE}
  def own_dots(self: __torch__.IndexModel,
    q: Tensor,
    rows: Tensor,
    most: int) -> Tensor:
    # q [g, d] against each query's own most rows (rows [g * most], query after query): [g, most]
    # in float32.
    g = q.size(0)
    e = torch.index_select(self.emb, 0, rows)
    if q.is_cuda:
      # On a GPU in the storage type, as dot() scores there: a half-precision index's gathered
      # rows are not widened (a copy of twice their size, read again by the product).
      e = torch.reshape(e, [g, most, -1])
      return torch.to(torch.reshape(torch.bmm(e, torch.unsqueeze(torch.to(q, e.dtype), 2)), [g, most]), 6)
    e = torch.reshape(torch.to(e, 6), [g, most, -1])
    # On CPU each query's row times its rows' transpose ([1, d] x [d, most]) runs 1.5-4.5x faster
    # in MKL than the rows times the query ([most, d] x [d, 1]).
    return torch.reshape(torch.bmm(torch.unsqueeze(q, 1), torch.transpose(e, 1, 2)), [g, most])
  def index_candidates(self: __torch__.IndexModel,
    ops: Tensor,
    program: List[List[int]],
    ints: Tensor,
    floats: Tensor,
    first: int,
    end: int,
    n: int,
    budget: int,
    enough: int) -> Optional[Tensor]:
    # The slots that can pass the program rows [first, end) (end: its END row): the slots of its
    # top-level operand with the fewest (RANGEs on one column intersect), narrowed by its other
    # operands while more than enough remain (see narrow_pairs), plus those at or above the
    # indexed mark and the rewritten ones, whose sorted entries may be stale; every slot when no
    # operand is indexed. Ascending, but on CPU distinct slots may stay in key order (see
    # select_any_order). None when they are more than budget.
    mark = min(int(self.indexed), n)
    rewritten = self.rewritten[:int(self.rewritten_count)]
    extra = n - mark + torch.numel(rewritten)
    operands = self.indexed_operands(ops, program, ints, floats, [first], [end], mark)
    if len(operands) == 0 or operands[0][0] > n:
      # No indexed operand, or only value-list operands with more entries than there are slots.
      if n > budget:
        return None
      return torch.arange(n, device=self.alive.device)
    if operands[0][0] + extra > budget and not self.narrowable(operands, 1, n):
      return None
    if self.narrowable(operands, 1, n):
      query = torch.zeros([1], dtype=4, device=self.alive.device)
      found, owners = self.operand_pairs(operands[0], query)
      found, owners = self.narrow_pairs(found, owners, operands, 1, n, max(enough, budget - extra))
    else:
      found = self.operand_slots(operands[0])
    if torch.numel(found) + extra > budget:
      return None
    if extra == 0 and self.distinct_slots(operands[0]):
      # On CPU the candidates keep their key order: the search restores slot order only where
      # scores tie (see select_any_order). (A copy: found may be a slice of the index's buffer.)
      if not found.is_cuda or self.in_order(found):
        return torch.clone(found)
      return torch.sort(found)[0]
    above = torch.arange(mark, n, device=found.device)
    return torch._unique2(torch.cat([found, above, rewritten]), True, False, False)[0]
  def in_order(self: __torch__.IndexModel,
    values: Tensor) -> bool:
    # Whether distinct values, many of them (see many), are in ascending order already: a single
    # value's interval of a stable-sorted column is, and so are a batch's pairs of such intervals
    # (query, then slot). One comparison of neighbours instead of a sort (on a GPU 25.6M pairs
    # take milliseconds to sort).
    return self.many(torch.numel(values)) and bool(torch.all(torch.lt(values[:-1], values[1:])))
  def many(self: __torch__.IndexModel,
    count: int) -> bool:
    # Whether count values are enough that a check over them (a few operators and a read of its
    # answer) pays for a pass it may save; fewer are sorted or copied faster than the check runs.
    return count > 4096
  def distinct_slots(self: __torch__.IndexModel,
    operand: Tuple[int, Tensor, Tensor, Tensor, Tensor]) -> bool:
    # Whether an indexed operand's slots (and so any subset of them) are distinct for each query:
    # one interval a query, in a column with one entry a slot (a value list has width entries).
    lo = operand[1]
    return torch.numel(lo) == lo.size(0) and torch.numel(operand[3]) == self.alive.size(0)
  def narrowable(self: __torch__.IndexModel,
    operands: List[Tuple[int, Tensor, Tensor, Tensor, Tensor]],
    b: int,
    n: int) -> bool:
    # Whether narrow_pairs can use a second operand: one with at most half the slots (more is not
    # worth its gathers), and a membership mask of b x capacity that stays small.
    return len(operands) > 1 and operands[1][0] <= b * n // 2 and b * self.alive.size(0) <= 16777216
  def narrow_pairs(self: __torch__.IndexModel,
    found: Tensor,
    owners: Tensor,
    operands: List[Tuple[int, Tensor, Tensor, Tensor, Tensor]],
    b: int,
    n: int,
    enough: int) -> Tuple[Tensor, Tensor]:
    # Keeps the (query, slot) pairs owners, found (those of operands[0]) that the next operands,
    # fewest first, hold too, while a query has more than enough: a slot that passes a
    # conjunction is among the slots of each of its operands.
    capacity = self.alive.size(0)
    queries = torch.arange(b, device=found.device)
    for i in range(1, len(operands)):
      if not self.narrowable(operands[i - 1:], b, n) or int(torch.max(self.owner_counts(owners, b))) <= enough:
        break
      slots, slot_owners = self.operand_pairs(operands[i], queries)
      member = torch.zeros([b * capacity], dtype=11, device=found.device)
      member = torch.index_fill_(member, 0, torch.add(torch.mul(slot_owners, capacity), slots), 1)
      keep = torch.index_select(member, 0, torch.add(torch.mul(owners, capacity), found))
      found = torch.masked_select(found, keep)
      owners = torch.masked_select(owners, keep)
    return (found, owners)
  def owner_counts(self: __torch__.IndexModel,
    owners: Tensor,
    b: int) -> Tensor:
    # How many pairs each of b queries owns, given the pairs' queries in ascending order: a
    # binary search per query (bincount reads every pair, which on a GPU costs far more).
    return torch.diff(torch.searchsorted(owners, torch.arange(b + 1, device=owners.device)))
  def operand_pairs(self: __torch__.IndexModel,
    operand: Tuple[int, Tensor, Tensor, Tensor, Tensor],
    queries: Tensor) -> Tuple[Tensor, Tensor]:
    # An indexed operand's (see indexed_operands) slots for every query, in key order, and the
    # query of each.
    total, lo, hi, order, counts = operand
    if torch.numel(lo) == 1:
      return (torch.clone(self.operand_slots(operand)), torch.contiguous(torch.expand(queries[:1], [total])))
    positions, interval = self.interval_positions(lo, hi, total)
    # Intervals are row-major in [B, m]: interval i belongs to query i // m.
    m = lo.size(1)
    if m > 1:
      interval = torch.div(interval, m, rounding_mode="trunc")
    return (torch.index_select(order, 0, positions), torch.index_select(queries, 0, interval))
  def operand_slots(self: __torch__.IndexModel,
    operand: Tuple[int, Tensor, Tensor, Tensor, Tensor]) -> Tensor:
    # The slots of a single query's indexed operand, in key order (operand_pairs without the
    # queries).
    total, lo, hi, order, counts = operand
    if torch.numel(lo) == 1:
      # One interval (a RANGE or a single value): its slots are a slice of the column's.
      start = int(torch.reshape(lo, [-1])[0])
      return order[start:start + total]
    return torch.index_select(order, 0, self.interval_positions(lo, hi, total)[0])
  def indexed_operands(self: __torch__.IndexModel,
    ops: Tensor,
    program: List[List[int]],
    ints: Tensor,
    floats: Tensor,
    firsts: List[int],
    ends: List[int],
    mark: int) -> List[Tuple[int, Tensor, Tensor, Tensor, Tensor]]:
    # The operands ANDed at the top of the one-shape programs firsts[r] .. ends[r] (a single
    # query's program as a batch of one) that are an IN or RANGE on an indexed column, one per
    # column (RANGEs on one column intersect), fewest slots below mark over the batch first: each
    # (that total, lo [B, m], hi [B, m], the column's slots in key order, each query's count [B]).
    found = annotate(List[Tuple[int, Tensor, Tensor, Tensor, Tensor]], [])
    # Single-valued columns' RANGEs so far: their intervals and where they are in found.
    ranges = annotate(Dict[int, Tuple[Tensor, Tensor]], {})
    range_at = annotate(Dict[int, int], {})
    for j in self.top_conjuncts(program, firsts[0], ends[0]):
      row = program[j]
      op = row[1]
      column = row[2]
      keys, order, width = self.index_of(column)
      if (op == 1 or op == 5) and torch.numel(keys) > 0:
        keys = keys[:mark * max(width, 1)]
        source = ints
        if torch.is_floating_point(keys):
          source = floats
        args = self.batch_args(ops, program, source, firsts, j - firsts[0])
        met = ranges
        if width > 0:
          # A value list's RANGEs stay apart: each may be met by a different value of a row.
          met = annotate(Dict[int, Tuple[Tensor, Tensor]], {})
        lo, hi = self.intervals(keys, op, args, column, met)
        counts = torch.sum(torch.clamp_min(torch.sub(hi, lo), 0), [1])
        operand = (int(torch.sum(counts)), lo, hi, order, counts)
        if op == 5 and width == 0 and column in range_at:
          found[range_at[column]] = operand
        else:
          found.append(operand)
          if op == 5 and width == 0:
            range_at[column] = len(found) - 1
    # Fewest first: a selection sort over a handful of operands.
    for i in range(len(found)):
      least = i
      for j in range(i + 1, len(found)):
        if found[j][0] < found[least][0]:
          least = j
      if least != i:
        swapped = found[i]
        found[i] = found[least]
        found[least] = swapped
    return found
  def interval_positions(self: __torch__.IndexModel,
    lo: Tensor,
    hi: Tensor,
    total: int) -> Tuple[Tensor, Tensor]:
    # The positions lo .. hi - 1 of every interval, back to back (total of them), and the
    # interval of each position; intervals in the row-major order of lo and hi. One
    # repeat_interleave (each interval's number, as often as its length), then gathers: with a
    # tensor to repeat, repeat_interleave is itself that count and a gather.
    lengths = torch.reshape(torch.clamp_min(torch.sub(hi, lo), 0), [-1])
    starts = torch.sub(torch.cumsum(lengths, 0), lengths)
    interval = torch.repeat_interleave(lengths, output_size=total)
    offsets = torch.sub(torch.arange(total, device=lo.device), torch.index_select(starts, 0, interval))
    return (torch.add(torch.index_select(torch.reshape(lo, [-1]), 0, interval), offsets), interval)
  def intervals(self: __torch__.IndexModel,
    keys: Tensor,
    op: int,
    args: Tensor,
    column: int,
    ranges: Dict[int, Tuple[Tensor, Tensor]]) -> Tuple[Tensor, Tensor]:
    # Each query's positions [lo, hi) in a column's sorted keys for its IN or RANGE operand, args
    # [B, count] holding each query's arguments: [B, values] for IN, [B, 1] for a RANGE, which also
    # intersects with the RANGEs on the same column met before (kept in ranges).
    if op == 5:
      lo = torch.searchsorted(keys, torch.contiguous(args[:, 0:1]))
      hi = torch.searchsorted(keys, torch.contiguous(args[:, 1:2]), right=True)
      if column in ranges:
        lo = torch.maximum(lo, ranges[column][0])
        hi = torch.minimum(hi, ranges[column][1])
      ranges[column] = (lo, hi)
      return (lo, hi)
    return (torch.searchsorted(keys, args), torch.searchsorted(keys, args, right=True))
  def top_conjuncts(self: __torch__.IndexModel,
    program: List[List[int]],
    first: int,
    end: int) -> List[int]:
    # The rows of the operands ANDed at the top of the postfix program rows [first, end).
    out = annotate(List[int], [])
    if end <= first:
      return out
    # starts[i - first]: the first row of the subtree that ends at row i.
    starts = annotate(List[int], [])
    for i in range(first, end):
      op = program[i][1]
      if op == 12 or op == 13:
        right = starts[i - 1 - first]
        starts.append(starts[right - 1 - first])
      elif op == 14:
        starts.append(starts[i - 1 - first])
      else:
        starts.append(i)
    todo = [end - 1]
    while len(todo) > 0:
      j = todo.pop()
      if program[j][1] == 12:
        right = starts[j - 1 - first]
        todo.append(j - 1)
        todo.append(right - 1)
      else:
        out.append(j)
    return out
  def index_of(self: __torch__.IndexModel,
    column: int) -> Tuple[Tensor, Tensor, int]:
    # A column's sorted values, their slots and its list width (0: single-valued, one entry a slot;
    # a value list has width entries a slot); empty for a column without an index.
${INDEX_OF}
    return (self.rewritten[:0], self.rewritten[:0], 0)
  def use_compact(self: __torch__.IndexModel,
    mask: Tensor,
    n: int,
    opts: List[float],
    batch: int,
    most: int) -> bool:
    # Masked scores the B queries against all n rows; compact gathers the union U of the
    # batch's passing rows once, then scores the B queries against U. With t = options[0], the
    # pass rate at which both cost the same for one query, gathering a row costs (1 - t) / t
    # query-row scores, so compact wins while |U| * ((1 - t) / t + B) <= n * B, that is
    # |U| <= n * B * t / (B * t + 1 - t): t * n for one query, most of n for large batches.
    forced = int(opts[1])
    if forced >= 0:
      return forced == 1
    if n == 0:
      return False
    t = opts[0]
    b = float(batch)
    budget = n * b * t / (b * t + 1.0 - t)
    # The union holds at least the rows of the query with the most matches, all of them when the
    # batch shares one mask row.
    if float(most) > budget or mask.size(0) == 1:
      return float(most) <= budget
    return float(torch.count_nonzero(torch.any(mask, 0))) <= budget
  def search_masked(self: __torch__.IndexModel,
    q: Tensor,
    mask: Tensor,
    k: int,
    n: int,
    fewest: int) -> Tuple[Tensor, Tensor]:
    # The two-level search answers whenever its bound proves the hits exact; a tie at the k-th
    # score (or fewer than k+1 matches) needs every score at once, which the full scan provides.
    # Rows that fit one chunk (every row on a GPU) are scored at once and searched in two levels
    # over the whole score matrix, which settles ties itself.
    if k > 0 and k < n and fewest > k:
      if self.chunk_size(q) < n:
        vals, slots, exact = self.search_blocks(q, mask, k, n, fewest)
        if exact:
          return (vals, slots)
      else:
        scores = self.raw_scores(q, self.emb[:n], self.norms_prefix(n))
        if fewest < n:
          scores = torch.masked_fill_(scores, torch.bitwise_not(mask), -inf)
        if q.is_cuda:
          vals, slots = self.select(scores, k)
        else:
          vals, slots = self.two_level(scores, k)
        return (torch.to(vals, 6), slots)
    scores = self.score(q, self.emb[:n], self.norms_prefix(n))
    if fewest < n:
      scores = torch.masked_fill(scores, torch.bitwise_not(mask), -inf)
    return self.select(scores, k)
  def chunk_size(self: __torch__.IndexModel,
    q: Tensor) -> int:
    # Rows the two-level search scores at once: every row on a GPU; on CPU about
    # chunk_rows * 32 scores per chunk (8 MB by default), whatever the batch size.
    if q.is_cuda:
      return 9223372036854775807
    return max(max(1, self.chunk_rows // 64), self.chunk_rows * 32 // q.size(0))
  def search_blocks(self: __torch__.IndexModel,
    q: Tensor,
    mask: Tensor,
    k: int,
    n: int,
    fewest: int) -> Tuple[Tensor, Tensor, bool]:
    # Exact top-k in two levels for CPU indexes larger than one chunk, one chunk of rows at a time
    # (the [B, rows] scores of a chunk stay in cache, where a full [B, n] matrix costs a pass to
    # write, one to mask and one to transpose). In each chunk: the maximum of every block of rows,
    # the k best blocks, and the k best rows among those blocks. A row left out scores at most
    # the chunk's bound (the best block maximum not taken, or the chunk's (k+1)-th candidate), so
    # the k best of all chunks are exact when the k-th of them beats every bound; exact is false
    # when a tie makes that unprovable, and the caller then scans in full.
    rows = self.chunk_size(q)
    block = self.block_size(rows, k)
    filtered = fewest < n
    best_vals = annotate(List[Tensor], [])
    best_slots = annotate(List[Tensor], [])
    bounds = annotate(List[Tensor], [])
    for start in range(0, n, rows):
      end = min(n, start + rows)
      scores = self.score(q, self.emb[start:end], self.norms_prefix(end)[start:])
      if filtered:
        scores = torch.masked_fill_(scores, torch.bitwise_not(mask[:, start:end]), -inf)
      cols, bound = self.candidate_columns(scores, k, block)
      cand = torch.gather(scores, 1, cols)
      take = min(k + 1, cand.size(1))
      vals, idx = torch.topk(cand, take, 1, True, True)
      if take > k:
        bound = torch.maximum(bound, vals[:, k])
      keep = min(k, take)
      best_vals.append(vals[:, :keep])
      best_slots.append(torch.add(torch.gather(cols, 1, idx[:, :keep]), start))
      bounds.append(bound)
    merged = torch.cat(best_vals, 1)
    take = min(k + 1, merged.size(1))
    vals, idx = torch.topk(merged, take, 1, True, True)
    bound = torch.amax(torch.stack(bounds, 1), [1])
    if take > k:
      bound = torch.maximum(bound, vals[:, k])
    slots = torch.gather(torch.cat(best_slots, 1), 1, idx[:, :k])
    exact = bool(torch.all(torch.gt(vals[:, k - 1], bound)))
    ordered_vals, ordered_slots = self.order_hits(vals[:, :k], slots)
    return (ordered_vals, ordered_slots, exact)
  def candidate_columns(self: __torch__.IndexModel,
    scores: Tensor,
    k: int,
    block: int) -> Tuple[Tensor, Tensor]:
    # The columns of a chunk's [B, c] scores that can hold its k best rows: every row of the k
    # blocks with the highest maxima, and the rows after the last whole block. The bound is the
    # highest block maximum left out (-inf when no block is left out).
    b = scores.size(0)
    c = scores.size(1)
    blocks = c // block
    if blocks <= k:
      bound = torch.full([b], -inf, dtype=scores.dtype, device=scores.device)
      return (torch.expand(torch.unsqueeze(torch.arange(c, device=scores.device), 0), [b, c]), bound)
    best, chosen = torch.topk(self.block_maxima(scores, block), k + 1, 1, True, True)
    return (self.block_columns(chosen[:, :k], block, c), best[:, k])
  def block_size(self: __torch__.IndexModel,
    rows: int,
    k: int) -> int:
    # Blocks of rows small enough that the k best of them hold about an eighth of the rows.
    return min(1024, max(1, rows // (8 * (k + 1))))
  def block_maxima(self: __torch__.IndexModel,
    scores: Tensor,
    block: int) -> Tensor:
    # The maximum of each whole block of columns of [B, c] scores: [B, c // block].
    b = scores.size(0)
    blocks = scores.size(1) // block
    return torch.amax(torch.reshape(scores[:, :blocks * block], [b, blocks, block]), [2])
  def block_columns(self: __torch__.IndexModel,
    chosen: Tensor,
    block: int,
    c: int) -> Tensor:
    # Every column of the chosen blocks [B, w] of [B, c] scores and the columns after the last
    # whole block, ascending in each row: [B, w * block + c % block].
    b = chosen.size(0)
    w = chosen.size(1)
    whole = c // block * block
    first = torch.mul(torch.sort(chosen, 1)[0], block)
    offsets = torch.unsqueeze(torch.arange(block, device=chosen.device), 0)
    cols = torch.reshape(torch.add(torch.unsqueeze(first, 2), offsets), [b, w * block])
    if whole < c:
      tail = torch.expand(torch.unsqueeze(torch.arange(whole, c, device=chosen.device), 0), [b, c - whole])
      cols = torch.cat([cols, tail], 1)
    return cols
  def two_level(self: __torch__.IndexModel,
    scores: Tensor,
    k: int) -> Tuple[Tensor, Tensor]:
    # Exact top-k of [B, c] scores (columns in slot order) without a top-k over every column: the
    # maximum of every block of columns, the k blocks with the highest maxima and the k best
    # columns among them. Each of those blocks holds a score at least the k-th highest maximum,
    # which no column left out exceeds, so their k-th best score is the k-th best of the row.
    # Columns tying with it may lie in blocks left out whose maximum equals it: the blocks taken
    # widen to every block whose maximum reaches it before the tie rule picks the lowest slots.
    c = scores.size(1)
    block = self.block_size(c, k)
    if c // block <= k:
      return self.top_k(scores, k)
    maxima = self.block_maxima(scores, block)
    cols = self.block_columns(torch.topk(maxima, k, 1, True, False)[1], block, c)
    cand = torch.gather(scores, 1, cols)
    vals, idx = torch.topk(cand, min(k + 1, cand.size(1)), 1, True, True)
    kth = vals[:, k - 1]
    # Rows with fewer than k finite scores already hold all of them among their candidates.
    reach = torch.sum(torch.ge(maxima, torch.unsqueeze(kth, 1)), [1])
    need = int(torch.max(torch.masked_fill(reach, torch.eq(kth, -inf), 0)))
    if need > k:
      if 2 * need * block > c:
        return self.top_k(scores, k)
      cols = self.block_columns(torch.topk(maxima, need, 1, True, False)[1], block, c)
      cand = torch.gather(scores, 1, cols)
      vals, idx = self.top_k(cand, k)
    else:
      vals, idx = self.settle(cand, vals, idx, k)
    return (vals, torch.gather(cols, 1, idx))
  def search_compact(self: __torch__.IndexModel,
    q: Tensor,
    mask: Tensor,
    matched: Tensor,
    k: int,
    n: int,
    fewest: int) -> Tuple[Tensor, Tensor]:
    # One gather and one product for the whole batch, over the union of its passing slots.
    # nonzero lists them in ascending order, so equal scores keep the slot order in select.
    union = self.passing_union(mask)
    passing: Optional[Tensor] = None
    if fewest < torch.numel(union):
      # Some query fails part of the union: its failing columns can never be selected.
      passing = torch.index_select(mask, 1, union)
    return self.search_rows(q, union, passing, matched, k, n, True)
  def search_rows(self: __torch__.IndexModel,
    q: Tensor,
    union: Tensor,
    passing: Optional[Tensor],
    matched: Tensor,
    k: int,
    n: int,
    ascending: bool) -> Tuple[Tensor, Tensor]:
    # Scores the batch against the slots union, ascending or (not on a GPU) in any order;
    # passing [B or 1, |union|] says which of them each query may return (None: all of them).
    width = min(k, n)
    if torch.numel(union) == 0:
      return self.no_hits(q.size(0), width, q.device)
    scores = self.union_scores(q, union)
    if passing is not None:
      scores = torch.masked_fill(scores, torch.bitwise_not(passing), -inf)
    if ascending:
      vals, local = self.select(scores, k)
      slots = self.at_columns(torch.unsqueeze(union, 0), local)
    else:
      vals, slots = self.select_any_order(scores, torch.unsqueeze(union, 0), k)
    return self.pad_hits(vals, slots, matched, width)
  def union_scores(self: __torch__.IndexModel,
    q: Tensor,
    union: Tensor) -> Tensor:
    # raw_scores of the batch against the rows union [u]. On CPU a union of more than four
    # gathers' values (see gather_values) is gathered a piece at a time; smaller ones at once,
    # which splitting made 5% slower (a batch sharing a 10% filter).
    u = torch.numel(union)
    piece = max(1, self.gather_values() // q.size(1))
    if q.is_cuda or u <= 4 * piece:
      return self.raw_scores(q, torch.index_select(self.emb, 0, union), self.norms_at(union))
    parts = annotate(List[Tensor], [])
    for start in range(0, u, piece):
      rows = union[start:start + piece]
      parts.append(self.raw_scores(q, torch.index_select(self.emb, 0, rows), self.norms_at(rows)))
    return torch.cat(parts, 1)
  def gather_values(self: __torch__.IndexModel) -> int:
    # The values one gather of rows copies on CPU: chunk_rows * 32 (8 MB of float32 by default),
    # as many as a chunk of scores. A fresh buffer above glibc's mapping threshold (at most 32 MB)
    # is mapped, faulted in and zeroed on every call; a batch of 128 queries with a 1% filter each
    # gathered 131 MB at once (BENCHMARKS.md, "Large buffers").
    return self.chunk_rows * 32
  def passing_union(self: __torch__.IndexModel,
    mask: Tensor) -> Tensor:
    # The ascending slots that pass for at least one query of the batch.
    if mask.size(0) == 1:
      return torch.reshape(torch.nonzero(mask[0]), [-1])
    return torch.reshape(torch.nonzero(torch.any(mask, 0)), [-1])
  def no_hits(self: __torch__.IndexModel,
    b: int,
    width: int,
    device: Device) -> Tuple[Tensor, Tensor]:
    # Padding: score -inf, slot 0.
    scores = torch.full([b, width], -inf, dtype=6, device=device)
    return (scores, torch.zeros([b, width], dtype=4, device=device))
  def pad_hits(self: __torch__.IndexModel,
    vals: Tensor,
    slots: Tensor,
    matched: Tensor,
    width: int) -> Tuple[Tensor, Tensor]:
    # Widens the selected hits to width columns and pads every row after its own
    # min(k, matched) hits (score -inf, slot 0): the columns select took past a query's matches
    # are other queries' slots.
    b = vals.size(0)
    if vals.size(1) == width and (width == 0 or b == 0 or int(torch.min(matched)) >= width):
      # Every query has width hits: nothing to pad.
      return (vals, slots)
    out_scores, out_slots = self.no_hits(b, width, vals.device)
    c = vals.size(1)
    out_scores[:, :c] = vals
    out_slots[:, :c] = slots
    position = torch.unsqueeze(torch.arange(width, device=vals.device), 0)
    missing = torch.ge(position, torch.unsqueeze(matched, 1))
    out_scores = torch.masked_fill(out_scores, missing, -inf)
    return (out_scores, torch.masked_fill(out_slots, missing, 0))
  def one_program(self: __torch__.IndexModel,
    ops: Tensor,
    ints: Tensor,
    floats: Tensor,
    b: int) -> int:
    # When every query of the batch has the same program, the number of rows of one; else 0.
    # Every row of a single query's program is its one program, and so are rows sent for every
    # query (query -1, see filter_masks). Otherwise two or more queries whose rows are the same in
    # query order, each query's arguments laid out after the previous query's and equal to them,
    # are found by whole-tensor comparisons: comparing row by row costs the interpreter about as
    # much as a selective search.
    p = ops.size(0)
    if p == 0:
      return 0
    if b == 1 or int(ops[0, 0]) == -1:
      return p
    a = torch.numel(ints)
    if p % b != 0 or a % b != 0:
      return 0
    length = p // b
    width = a // b
    # The arguments first: queries with their own filters differ there, after a few steps.
    if width > 0:
      by_query = torch.reshape(ints, [b, width])
      if not torch.equal(by_query, torch.expand(by_query[0:1], [b, width])):
        return 0
      by_query = torch.reshape(floats, [b, width])
      if not torch.equal(by_query, torch.expand(by_query[0:1], [b, width])):
        return 0
    rows = torch.reshape(ops, [b, length, 5])
    first = rows[0:1]
    queries = torch.reshape(torch.arange(b, device=ops.device), [b, 1])
    offsets = torch.zeros([b, length, 5], dtype=4, device=ops.device)
    offsets[:, :, 0] = queries
    offsets[:, :, 3] = torch.mul(torch.gt(first[:, :, 4], 0), torch.mul(queries, width))
    if not torch.equal(rows, torch.add(first, offsets)):
      return 0
    return length
  def same_program(self: __torch__.IndexModel,
    program: List[List[int]],
    int_args: List[int],
    float_args: List[float],
    first: int,
    second: int,
    end: int) -> bool:
    # Whether rows [first, second) and [second, end) run the same operations on the same columns
    # with the same arguments. NaN arguments never compare equal, which only forgoes the reuse.
    length = second - first
    same = end - second == length
    i = 0
    while same and i < length:
      a = program[first + i]
      c = program[second + i]
      same = a[1] == c[1] and a[2] == c[2] and a[4] == c[4]
      if same:
        same = int_args[a[3]:a[3] + a[4]] == int_args[c[3]:c[3] + c[4]]
      if same:
        same = float_args[a[3]:a[3] + a[4]] == float_args[c[3]:c[3] + c[4]]
      i = i + 1
    return same
  def run_program(self: __torch__.IndexModel,
    program: List[List[int]],
    ints: Tensor,
    floats: Tensor,
    first: int,
    end: int,
    n: int,
    alive: Tensor,
    rows: Optional[Tensor]) -> Tensor:
    # Evaluates the postfix rows [first, end) of one query's program (end is its END row) over
    # slots [0, n), or over the n given rows.
    int_args = annotate(List[Tensor], [])
    float_args = annotate(List[Tensor], [])
    for i in range(first, end):
      start = program[i][3]
      stop = program[i][3] + program[i][4]
      int_args.append(ints[start:stop])
      float_args.append(floats[start:stop])
    return self.evaluate(program, first, end, int_args, float_args, n, rows)
  def evaluate(self: __torch__.IndexModel,
    program: List[List[int]],
    first: int,
    end: int,
    int_args: List[Tensor],
    float_args: List[Tensor],
    n: int,
    rows: Optional[Tensor]) -> Tensor:
    # The postfix rows [first, end) of a program over n slots (or the n given rows), with each
    # row's arguments: int_args[i - first], float_args[i - first].
    stack = annotate(List[Tensor], [])
    for i in range(first, end):
      row = program[i]
      op = row[1]
      if op == 10:
        stack.append(torch.ones([n], dtype=11, device=self.alive.device))
      elif op == 11:
        stack.append(torch.zeros([n], dtype=11, device=self.alive.device))
      elif op == 12:
        right = torch.pop(stack)
        stack.append(torch.logical_and(torch.pop(stack), right))
      elif op == 13:
        right = torch.pop(stack)
        stack.append(torch.logical_or(torch.pop(stack), right))
      elif op == 14:
        stack.append(torch.bitwise_not(torch.pop(stack)))
      else:
        stack.append(self.predicate(row[2], op, int_args[i - first], float_args[i - first], n, rows))
    return torch.pop(stack)
  def prepare_queries(self: __torch__.IndexModel,
    queries: Tensor) -> Tensor:
${PREPARE_QUERIES}
  def score(self: __torch__.IndexModel,
    q: Tensor,
    e: Tensor,
    e2: Tensor) -> Tensor:
${SCORE}
  def raw_scores(self: __torch__.IndexModel,
    q: Tensor,
    e: Tensor,
    e2: Tensor) -> Tensor:
    # score() in the storage type's precision where that is cheaper: on a GPU a half-precision
    # index's dot products stay half (the values score() widens), halving every pass over them.
${RAW_SCORES}
  def norms_prefix(self: __torch__.IndexModel,
    n: int) -> Tensor:
${NORMS_PREFIX}
  def norms_at(self: __torch__.IndexModel,
    rows: Tensor) -> Tensor:
${NORMS_AT}
  def dot(self: __torch__.IndexModel,
    q: Tensor,
    e: Tensor) -> Tensor:
    if q.is_cuda:
      if torch.element_size(e) == 4:
        return torch.matmul(q, torch.t(e))
      return torch.to(torch.matmul(torch.to(q, e.dtype), torch.t(e)), 6)
    # CPU. Up to 64 queries, the row-major product e @ q^T ([N, B]) streams e once, where
    # q @ e^T does not (one query: see one_query_dot). Larger batches are compute-bound and keep
    # q @ e^T, and so do rows that fit in a core's cache (a selective filter's), where streaming
    # gains nothing and q @ e^T is one operator to the row-major form's three.
    b = q.size(0)
    rows_major = b <= 64 and torch.numel(e) > 65536
    if b == 1 and rows_major:
      return self.one_query_dot(q, e)
    if torch.element_size(e) == 4:
      if rows_major:
        return torch.contiguous(torch.t(torch.matmul(e, torch.t(q))))
      return torch.matmul(q, torch.t(e))
    # Half types: widen one chunk of rows at a time (CPU matmul in them is slow or missing).
    m = e.size(0)
    parts = annotate(List[Tensor], [])
    for start in range(0, m, self.chunk_rows):
      end = min(m, start + self.chunk_rows)
      w = torch.to(e[start:end], 6)
      if rows_major:
        parts.append(torch.matmul(w, torch.t(q)))
      else:
        parts.append(torch.matmul(q, torch.t(w)))
    if len(parts) == 0:
      return torch.zeros([b, 0], dtype=6, device=q.device)
    if rows_major:
      return torch.contiguous(torch.t(torch.cat(parts, 0)))
    return torch.cat(parts, 1)
  def one_query_dot(self: __torch__.IndexModel,
    q: Tensor,
    e: Tensor) -> Tensor:
    # One query's dot products with rows e (CPU): [1, N]. A one-column product runs on one
    # thread, so the rows are cut into parts of equal size multiplied as one batch, which spreads
    # the parts over the threads and writes the scores in row order: e is read once, with no
    # product wasted and no copy. Half types are widened one chunk of rows at a time.
    if torch.element_size(e) == 4:
      return self.parts_dot(q, e)
    m = e.size(0)
    scores = annotate(List[Tensor], [])
    for start in range(0, m, self.chunk_rows):
      scores.append(self.parts_dot(q, torch.to(e[start:min(m, start + self.chunk_rows)], 6)))
    return torch.cat(scores, 1)
  def parts_dot(self: __torch__.IndexModel,
    q: Tensor,
    e: Tensor) -> Tensor:
    # one_query_dot of float32 rows: up to MAX_QUERY_PARTS parts of at least MIN_PART_ROWS rows
    # each (IndexProgram); the rows left over (fewer than the parts) take a product of their own.
    m = e.size(0)
    d = e.size(1)
    parts = min(${MAX_QUERY_PARTS}, max(1, m // ${MIN_PART_ROWS}))
    whole = m // parts * parts
    # q^T stays a view of the row q (strides (1, d)): the same batch against a contiguous [d, 1]
    # column ran 4x slower in libtorch 2.7.
    each = torch.expand(torch.unsqueeze(torch.t(q), 0), [parts, d, 1])
    scores = torch.reshape(torch.bmm(torch.reshape(e[:whole], [parts, whole // parts, d]), each), [1, whole])
    if whole == m:
      return scores
    return torch.cat([scores, torch.matmul(q, torch.t(e[whole:]))], 1)
  def select(self: __torch__.IndexModel,
    scores: Tensor,
    k: int) -> Tuple[Tensor, Tensor]:
    # Exact top-k of [B, c] scores (columns in slot order) under the order (score descending,
    # slot ascending); values in the scores' type. On a GPU, where a top-k over the long rows of
    # a batch costs far more than the product, in two levels; a few rows take one top-k, which
    # launches fewer steps.
    if scores.is_cuda and scores.size(0) >= 8:
      return self.two_level(scores, k)
    return self.top_k(scores, k)
  def select_any_order(self: __torch__.IndexModel,
    scores: Tensor,
    slots: Tensor,
    k: int) -> Tuple[Tensor, Tensor]:
    # select() for [B, c] scores whose columns hold slots [B or 1, c] in any order (on CPU, where
    # a selective search's candidates keep their key order instead of being sorted): (scores,
    # slots) of the hits. Where topk's best k+1 strictly descend no tie needs the tie rule,
    # whatever the columns' order; otherwise the columns are put in slot order first.
    vals, local = torch.topk(scores, min(k + 1, scores.size(1)), 1, True, True)
    if self.strictly_descending(vals):
      vals = vals[:, :k]
      local = local[:, :k]
    else:
      slots, order = torch.sort(slots, 1)
      if slots.size(0) == 1:
        scores = torch.index_select(scores, 1, order[0])
      else:
        scores = torch.gather(scores, 1, order)
      vals, local = self.select(scores, k)
    return (vals, self.at_columns(slots, local))
  def at_columns(self: __torch__.IndexModel,
    slots: Tensor,
    local: Tensor) -> Tensor:
    # The slots [B or 1, c] at each query's columns local [B, w]: [B, w].
    if slots.size(0) == 1:
      return torch.reshape(torch.index_select(slots[0], 0, torch.reshape(local, [-1])), local.size())
    return torch.gather(slots, 1, local)
  def top_k(self: __torch__.IndexModel,
    scores: Tensor,
    k: int) -> Tuple[Tensor, Tensor]:
    # topk's choice among equal scores is arbitrary, so take one extra (see settle).
    vals, idx = torch.topk(scores, min(k + 1, scores.size(1)), 1, True, True)
    return self.settle(scores, vals, idx, k)
  def settle(self: __torch__.IndexModel,
    scores: Tensor,
    vals: Tensor,
    idx: Tensor,
    k: int) -> Tuple[Tensor, Tensor]:
    # The hits from topk's best k+1 (vals, idx) of scores, ordered: if the k-th and (k+1)-th
    # scores differ the set is determined; where they tie, that row's k are chosen again by the
    # tie rule (see boundary_ties). Scores top-k left strictly descending (padding aside) hold no
    # tie and are in order.
    if self.strictly_descending(vals):
      return (vals[:, :k], idx[:, :k])
    if vals.size(1) > k:
      last = vals[:, k - 1]
      tied = torch.logical_and(torch.eq(last, vals[:, k]), torch.gt(last, -inf))
      vals = vals[:, :k]
      idx = idx[:, :k]
      if bool(torch.any(tied)):
        rows = torch.reshape(torch.nonzero(tied), [-1])
        chosen = self.boundary_ties(torch.index_select(scores, 0, rows), torch.index_select(last, 0, rows), k)
        idx = torch.index_copy(idx, 0, rows, chosen)
        vals = torch.gather(scores, 1, idx)
    return self.order_hits(vals, idx)
  def strictly_descending(self: __torch__.IndexModel,
    vals: Tensor) -> bool:
    # Whether every row of [B, c] scores strictly descends, -inf (padding) aside: no two equal
    # finite scores, so no tie to settle and no order to restore. False for fewer than 2 columns.
    if vals.size(1) <= 1:
      return False
    later = vals[:, 1:]
    return bool(torch.all(torch.logical_or(torch.gt(vals[:, :-1], later), torch.eq(later, -inf))))
  def order_hits(self: __torch__.IndexModel,
    vals: Tensor,
    slots: Tensor) -> Tuple[Tensor, Tensor]:
    # Orders each row's hits by score descending, equal scores by slot ascending. Hits that
    # top-k left strictly descending (-inf after them is padding, in any order) are in order.
    if vals.size(1) <= 1 or self.strictly_descending(vals):
      return (vals, slots)
    by_slot, order = torch.sort(slots, 1)
    vals, order2 = torch.sort(torch.gather(vals, 1, order), stable=True, dim=1, descending=True)
    return (vals, torch.gather(by_slot, 1, order2))
  def boundary_ties(self: __torch__.IndexModel,
    rows: Tensor,
    kth: Tensor,
    k: int) -> Tensor:
    # The k best columns of each of rows [T, c] under the tie rule, given each row's k-th best
    # score: every column scoring above it, then the lowest columns equal to it: [T, k]. Up to
    # chunk_rows * 256 scores (16M by default) a running count of the equal columns finds them in
    # a few passes; beyond, where that count's 8 bytes per score cost more than listing the
    # columns, and on a GPU for more than one row (a running count along each of a few long rows
    # uses little of the device), from the listed positions (see ties_by_position).
    level = torch.unsqueeze(kth, 1)
    above = torch.gt(rows, level)
    equal = torch.eq(rows, level)
    if torch.numel(rows) > self.chunk_rows * 256 or (rows.is_cuda and rows.size(0) > 1):
      return self.ties_by_position(above, equal, k)
    room = torch.rsub(torch.sum(above, [1], True), k)
    keep = torch.logical_or(above, torch.logical_and(equal, torch.le(torch.cumsum(equal, 1), room)))
    return torch.reshape(torch.select(torch.nonzero(keep), 1, 1), [rows.size(0), k])
  def ties_by_position(self: __torch__.IndexModel,
    above: Tensor,
    equal: Tensor,
    k: int) -> Tensor:
    # boundary_ties from the (row, column) positions of the columns above and equal to each row's
    # k-th score, listed in row-major order: a row's equal columns ascend from its first.
    t = above.size(0)
    higher = torch.nonzero(above)
    level = torch.nonzero(equal)
    level_rows = torch.select(level, 1, 0)
    room = torch.rsub(self.owner_counts(torch.select(higher, 1, 0), t), k)
    first = torch.searchsorted(level_rows, torch.arange(t, device=above.device))
    rank = torch.sub(torch.arange(torch.size(level, 0), device=above.device), torch.index_select(first, 0, level_rows))
    kept = torch.index_select(level, 0, torch.reshape(torch.nonzero(torch.lt(rank, torch.index_select(room, 0, level_rows))), [-1]))
    chosen = torch.cat([higher, kept], 0)
    by_row = torch.sort(torch.select(chosen, 1, 0), stable=True)[1]
    return torch.reshape(torch.select(torch.index_select(chosen, 0, by_row), 1, 1), [t, k])
  def filter_masks(self: __torch__.IndexModel,
    ops: Tensor,
    ints: Tensor,
    floats: Tensor,
    b: int,
    n: int,
    alive: Tensor,
    common: int) -> Tensor:
    # A postfix program per query. ops [P, 5] int64 rows (query, opcode, column, start, length);
    # predicate arguments are ints[start:start+length] (and the same slice of floats). Rows of
    # query -1 (format version 4 on) are one program for every query of the batch, sent once; they
    # are then the only rows.
    # Opcodes: 1 IN, 2 NOT_IN, 3 ALL, 4 EXISTS, 5 RANGE (inclusive [lo, hi]); 10 TRUE, 11 FALSE,
    # 12 AND, 13 OR, 14 NOT; 15 END pops the query's mask. Queries without a program pass alive
    # (the live rows [n]); with no program at all the mask is one row [1, n] for the batch, and so
    # it is when every query has the same program, its first common rows (see one_program).
    if torch.size(ops, 0) == 0:
      return torch.unsqueeze(alive, 0)
    if common > 0:
      program = annotate(List[List[int]], ops[:common].tolist())
      return torch.unsqueeze(torch.logical_and(alive, self.run_program(program, ints, floats, 0, common - 1, n, alive, None)), 0)
    w, head = self.one_shape(ops, b)
    if w > 0:
      # Queries with one program shape and their own values: every row once for the batch.
      firsts, ends = self.shape_spans(w, b)
      spread_ints, spread_floats = self.spread_args(ops, head, ints, floats, firsts, ends, None)
      found = self.evaluate(head, firsts[0], ends[0], spread_ints, spread_floats, n, None)
      return torch.logical_and(torch.unsqueeze(alive, 0), torch.expand(found, [b, n]))
    program = annotate(List[List[int]], ops.tolist())
    int_args = annotate(List[int], ints.tolist())
    float_args = annotate(List[float], floats.tolist())
    masks = annotate(List[Tensor], [])
    for r in range(b):
      masks.append(alive)
    # A query whose program repeats the previous query's (a batch sharing one filter) reuses its
    # mask instead of scanning the columns again; when every query shares it, the mask stays one
    # row [1, n], like a batch without filters.
    first = 0
    previous_first = -1
    previous = 0
    programs = 0
    repeats = 0
    for i in range(len(program)):
      row = program[i]
      if row[1] == 15:
        query = row[0]
        if previous_first >= 0 and self.same_program(program, int_args, float_args, previous_first, first, i + 1):
          masks[query] = masks[previous]
          repeats = repeats + 1
        else:
          masks[query] = torch.logical_and(alive, self.run_program(program, ints, floats, first, i, n, alive, None))
        programs = programs + 1
        previous = query
        previous_first = first
        first = i + 1
    # Parenthesised: TorchScript can read 'x or y and z' as '(x or y) and z'.
    if b == 1 or (programs == b and repeats == b - 1):
      return torch.unsqueeze(masks[previous], 0)
    return torch.stack(masks, 0)
  def isin(self: __torch__.IndexModel,
    v: Tensor,
    values: Tensor) -> Tensor:
    if torch.numel(values) == 0:
      return torch.zeros(v.size(), dtype=11, device=v.device)
    wanted = torch.to(values, v.dtype)
    if torch.size(wanted, 0) > 8:
      if torch.dim(wanted) == 1 and not torch.is_floating_point(v):
        hit = self.lookup(v, values)
        if hit is not None:
          return hit
      return torch.isin(v, wanted)
    # A few values: one vectorised comparison per value beats isin's per-element search (about
    # ten times on a [n, 6] list column for one value). Values [count, n] (a batch's per-row
    # arguments) compare each row with its own.
    hit = torch.eq(v, wanted[0])
    for i in range(1, torch.size(wanted, 0)):
      hit = torch.logical_or(hit, torch.eq(v, wanted[i]))
    return hit
  def lookup(self: __torch__.IndexModel,
    v: Tensor,
    values: Tensor) -> Optional[Tensor]:
    # isin for integers through a table over the values' span (one gather per row; isin sorts
    # every row with the values, which costs far more on a GPU), or None where that span is wide.
    span = annotate(List[int], torch.stack([torch.min(values), torch.max(values)]).tolist())
    # (Bounds first: the span of extreme values would overflow.)
    if span[0] < -1152921504606846976 or span[1] > 1152921504606846976 or span[1] - span[0] > 65533:
      return None
    lo = span[0] - 1
    size = span[1] - lo + 2
    # Entry 0 stands for everything below the values, entry size - 1 for everything above.
    table = torch.zeros([size], dtype=11, device=v.device)
    table = torch.index_fill(table, 0, torch.sub(values, lo), 1)
    at = torch.clamp(torch.sub(torch.to(v, 4), lo), 0, size - 1)
    return torch.reshape(torch.index_select(table, 0, torch.reshape(at, [-1])), v.size())
  def any_valid(self: __torch__.IndexModel,
    hits: Tensor,
    counts: Tensor) -> Tensor:
    # For multi-valued rows: does any of the first counts[i] values of row i hit?
    width = hits.size(1)
    # arange in the counts' type: a mixed-type comparison would take a slower, converting loop.
    positions = torch.arange(width, dtype=counts.dtype, device=hits.device)
    valid = torch.lt(torch.unsqueeze(positions, 0), torch.unsqueeze(counts, 1))
    return torch.any(torch.logical_and(hits, valid), 1)
  def predicate(self: __torch__.IndexModel,
    column: int,
    op: int,
    ints: Tensor,
    floats: Tensor,
    n: int,
    rows: Optional[Tensor]) -> Tensor:
${PREDICATE_DISPATCH}
    return torch.zeros([n], dtype=11, device=self.alive.device)
${COLUMN_METHODS}
