-- The queue script, part 2 of 2 (after state.lua): the steps of queue/rules.ts, in the same order and with
-- the same names, over the objects and helpers of state.lua; then the dispatch on ARGV[1].

local function setState(i, state)
  i.state = state
  i.since = now
  if state == 'available' then i.idleSince = now end
  if state ~= 'break' then i.breakReason = NULL end
  if state ~= 'wrap-up' then i.wrapUpUntil = NULL end
  if state ~= 'offered' and state ~= 'in-call' then
    i.entryId = NULL
    i.transferFrom = NULL
  end
  touchInterp(i.id)
end

local function endOffer(e, i, why)
  if e.state ~= 'in-call' then
    e.state = 'waiting'
    e.interpreterId = NULL
    e.offerExpiresAt = NULL
    touchEntry(e.id)
  end
  if why == 'timeout' then
    i.missedOffers = i.missedOffers + 1
    if i.missedOffers >= MISSED_FOR_BREAK then
      setState(i, 'break')
      i.breakReason = 'missed-offers'
    else
      setState(i, 'available')
    end
  elseif why == 'declined' then
    i.missedOffers = 0
    setState(i, 'available')
  else
    -- Withdrawn (the caller left or dropped): not the interpreter's doing, so their idle time stands.
    local idleSince = i.idleSince
    setState(i, 'available')
    i.idleSince = idleSince
  end
  emit({ type = 'offer-ended', entry = e, interpreterId = i.id, why = why })
  interpreterEvent(i)
  queueChanged()
end

local function remove(id, why)
  local e = getEntry(id)
  if not e then return end
  if e.state == 'offered' and present(e.interpreterId) then
    local i = getInterp(e.interpreterId)
    if i then endOffer(e, i, 'withdrawn') end
  end
  if e.state == 'in-call' then refuse('call_in_progress') end
  deleteEntry(id)
  emit({ type = 'abandoned', entry = e, why = why })
  queueChanged()
end

local function respond(interpreterId, entryId, answer, transferWrapUpMs)
  local i = interpOrRefuse(interpreterId)
  local e = getEntry(entryId)
  if i.state ~= 'offered' or i.entryId ~= entryId or not e then refuse('offer_gone') end
  local transferFrom = i.transferFrom
  if answer ~= 'accept' then
    endOffer(e, i, answer == 'decline' and 'declined' or 'timeout')
    return
  end
  if present(transferFrom) then
    local from = getInterp(transferFrom)
    if from and from.state == 'in-call' and from.entryId == entryId then
      setState(from, 'wrap-up')
      from.wrapUpUntil = now + (transferWrapUpMs or WRAP_UP_MS)
      interpreterEvent(from)
    end
  end
  e.state = 'in-call'
  e.interpreterId = i.id
  e.offerExpiresAt = NULL
  touchEntry(e.id)
  setState(i, 'in-call')
  i.entryId = e.id
  i.missedOffers = 0
  emit({ type = 'answered', entry = e, interpreterId = i.id, transferFrom = transferFrom })
  interpreterEvent(i)
  queueChanged()
end

-- A transfer still ringing for a call that ends or loses its interpreter is withdrawn.
local function withdrawTransfers(e)
  local other = rungFor(e.id)
  if other and other.transferFrom ~= NULL then endOffer(e, other, 'withdrawn') end
end

local ops = {}

function ops.enqueue()
  local n = args.entry
  if redis.call('HEXISTS', E, n.id) == 1 then return end
  -- One entry per guest per line (rules.ts enqueue): the index may name an entry since removed.
  local mine = redis.call('HGET', GUESTS, n.guestId)
  local other = mine and getEntry(mine)
  if other and other.guestId == n.guestId then
    emit({ type = 'already-in-line', entry = other })
    return
  end
  local e = {}
  for k, v in pairs(n) do e[k] = v end
  if e.kioskVerified == nil then e.kioskVerified = false end -- not proven unless said (rules.ts enqueue)
  e.enqueuedAt = now
  e.score = NORMAL_OFFSET + now
  e.state = 'waiting'
  e.interpreterId = NULL
  e.offerExpiresAt = NULL
  e.disconnectedUntil = NULL
  e.requeued = false
  e.offerCount = 0
  readyKey(e)
  entries[n.id] = e
  touchEntry(n.id)
  queueChanged()
end

function ops.remove()
  remove(args.entryId, args.why)
end

function ops.setConnection()
  local e = entryOrRefuse(args.entryId)
  if e.state == 'in-call' then return end
  e.disconnectedUntil = args.disconnectedUntil
  touchEntry(e.id)
  if args.disconnectedUntil ~= NULL and e.state == 'offered' and present(e.interpreterId) then
    local i = getInterp(e.interpreterId)
    if i then endOffer(e, i, 'withdrawn') end
  end
  queueChanged()
end

function ops.setPresence()
  local id, to = args.interpreterId, args.to
  local i = getInterp(id)
  -- Refusals first: a refused step changes nothing, not even the gender.
  local current = 'offline'
  if i then current = i.state end
  local busy = current == 'offered' or current == 'in-call'
  if (to ~= 'offline' and busy) or (to == 'offline' and current == 'in-call') then refuse('finish_call') end
  if not i then
    i = { id = id, gender = args.gender, state = 'offline', since = now, idleSince = now, missedOffers = 0, breakReason = NULL, entryId = NULL, transferFrom = NULL, wrapUpUntil = NULL }
    interps[id] = i
    ringingAtLoad[id] = false
    touchInterp(id)
  elseif args.hasGender then
    i.gender = args.gender
    touchInterp(id)
  end
  local from = i.state
  if to == 'available' then
    if from == 'available' then
      interpreterEvent(i)
      return
    end
    setState(i, 'available')
    i.missedOffers = 0
  elseif to == 'break' then
    setState(i, 'break')
    if args.reason ~= NULL then i.breakReason = args.reason else i.breakReason = 'rest' end
  elseif to == 'offline' then
    if from == 'offered' and present(i.entryId) then
      local e = getEntry(i.entryId)
      if e then endOffer(e, i, 'withdrawn') end
    end
    setState(i, 'offline')
  else
    error('unknown presence target ' .. tostring(to))
  end
  interpreterEvent(i)
end

-- The rules take the first caller in line whom some available interpreter may take, and the longest-idle
-- such interpreter. Here each ready set (callers without a preference, and one per preferred gender) offers
-- its first takeable caller and the earliest of those wins, so a match costs O(log N), not a scan of the line.
function ops.matchOne()
  local anyone = redis.call('ZRANGE', AVAIL, 0, 0)[1]
  if not anyone then return end
  local best -- { id, score, interpreterId }
  local function consider(id, score, interpreterId)
    if not best or score < best.score or (score == best.score and before(id, best.id)) then
      best = { id = id, score = score, interpreterId = interpreterId }
    end
  end
  local head = redis.call('ZRANGE', READY_ANY, 0, 0, 'WITHSCORES')
  if head[1] then consider(head[1], tonumber(head[2]), anyone) end
  for _, g in ipairs(GENDERS) do
    local match = redis.call('ZRANGE', AVAIL_G[g], 0, 0)[1]
    local start, done = 0, false
    while not done do
      local batch = redis.call('ZRANGE', READY[g], start, start + 15, 'WITHSCORES')
      if #batch == 0 then break end
      for k = 1, #batch, 2 do
        local id, score = batch[k], tonumber(batch[k + 1])
        if best and score > best.score then done = true break end
        local e = getEntry(id)
        if now - e.enqueuedAt >= PREF_MAX_WAIT then
          consider(id, score, anyone)
          done = true break
        elseif match then
          consider(id, score, match)
          done = true break
        elseif not e.requeued then
          -- Callers who were never requeued are scored by arrival, so everyone after this one has waited
          -- less: nobody further in this set can be taken. Requeued callers sort first (score = requeue time).
          done = true break
        end
      end
      start = start + 16
    end
  end
  if not best then return end
  local e, i = getEntry(best.id), getInterp(best.interpreterId)
  e.state = 'offered'
  e.interpreterId = i.id
  e.offerExpiresAt = now + OFFER_MS
  e.offerCount = e.offerCount + 1
  touchEntry(e.id)
  setState(i, 'offered')
  i.entryId = e.id
  emit({ type = 'offered', entry = e, interpreterId = i.id, transferFrom = NULL })
  interpreterEvent(i)
  queueChanged()
end

function ops.respond()
  respond(args.interpreterId, args.entryId, args.answer, args.wrapUpMs)
end

function ops.endCall()
  local id = args.interpreterId
  local i = interpOrRefuse(id)
  if i.state ~= 'in-call' or not present(i.entryId) then refuse('not_in_call') end
  local first = #events + 1
  local entryId = i.entryId
  local e = getEntry(entryId)
  if e then withdrawTransfers(e) end
  deleteEntry(entryId)
  setState(i, 'wrap-up')
  i.wrapUpUntil = now + args.wrapUpMs
  interpreterEvent(i)
  if e then table.insert(events, first, cjson.encode({ type = 'call-ended', entry = e, interpreterId = id })) end
end

function ops.requeueCaller()
  local i = interpOrRefuse(args.interpreterId)
  if i.state ~= 'in-call' or not present(i.entryId) then refuse('not_in_call') end
  local e = entryOrRefuse(i.entryId)
  withdrawTransfers(e)
  e.state = 'waiting'
  e.interpreterId = NULL
  e.offerExpiresAt = NULL
  e.requeued = true
  e.score = now
  touchEntry(e.id)
  setState(i, 'offline')
  emit({ type = 'requeued', entry = e })
  interpreterEvent(i)
  queueChanged()
end

function ops.offerTransfer()
  local fromId, toId = args.fromId, args.toId
  local from = interpOrRefuse(fromId)
  if from.state ~= 'in-call' or not present(from.entryId) then refuse('not_in_call') end
  local to = getInterp(toId)
  if not to or to.state ~= 'available' or toId == fromId then refuse('colleague_unavailable') end
  local e = entryOrRefuse(from.entryId)
  if rungFor(e.id) then refuse('transfer_ringing') end
  setState(to, 'offered')
  to.entryId = e.id
  to.transferFrom = fromId
  e.offerCount = e.offerCount + 1
  touchEntry(e.id)
  emit({ type = 'offered', entry = e, interpreterId = toId, transferFrom = fromId })
  interpreterEvent(to)
end

-- Only what is due is read: the deadline set holds every ring-out, wrap-up end and reconnect grace end.
-- Interpreters are handled before entries, each in id order, as in the rules.
function ops.tick()
  local due = redis.call('ZRANGEBYSCORE', DEADLINES, '-inf', now)
  local interpreterIds, entryIds = {}, {}
  for _, member in ipairs(due) do
    local kind, id = string.sub(member, 1, 1), string.sub(member, 3)
    if kind == 'i' then interpreterIds[#interpreterIds + 1] = id else entryIds[#entryIds + 1] = id end
  end
  table.sort(interpreterIds, before)
  table.sort(entryIds, before)
  for _, id in ipairs(interpreterIds) do
    local i = getInterp(id)
    if i and i.state == 'offered' and present(i.entryId) then
      -- An offer (ordinary or transfer) rings out a fixed time after the interpreter was rung.
      if now >= i.since + OFFER_MS then respond(id, i.entryId, 'timeout') end
    elseif i and i.state == 'wrap-up' and i.wrapUpUntil ~= NULL and now >= i.wrapUpUntil then
      setState(i, 'available')
      interpreterEvent(i)
    end
  end
  for _, id in ipairs(entryIds) do
    local e = getEntry(id)
    if e and e.disconnectedUntil ~= NULL and now >= e.disconnectedUntil and e.state ~= 'in-call' then
      remove(id, 'lost')
    end
  end
end

local step = ops[op]
if not step then error('unknown queue operation ' .. tostring(op)) end
local ok, err = pcall(step)
if not ok then
  if type(err) == 'table' and err.refused then
    flush()
    return redis.error_reply('QUEUE_REFUSED ' .. err.refused)
  end
  error(err)
end
flush()
return events
