-- The queue script, part 1 of 2 (state.lua, then rules.lua; RedisQueueStore joins them into one script):
-- the queue's rules (queue/rules.ts) as one Redis script, each call one atomic step over the shared queue.
-- This part reads the arguments, loads entries and interpreters, writes them back with their indexes, and
-- makes events and refusals. rules.lua has the same observable behaviour as rules.ts (the same events,
-- refusals and state after every step), enforced by RedisQueueStore.differential.int.test.ts, which runs
-- both step by step. Most steps follow rules.ts closely; matchOne and tick do not: they read the ready sets
-- and the deadline ZSET below instead of scanning every entry and interpreter.
--
-- KEYS  1 entries (HASH id -> JSON)        2 interpreters (HASH id -> JSON)   3 line (ZSET waiting+offered)
--       4 waiting (ZSET)                   5 available (ZSET by idleSince)     6 deadlines (ZSET by time)
--       7 offers (HASH entry -> rung interpreter)                              8 ready:any (ZSET)
--       then for the k-th gender of ARGV[8]: 7+2k ready:<gender>, 8+2k available:<gender>
--       and last: guests (HASH guestId -> the id of their entry)
-- ARGV  1 operation  2 now  3 offerTimeoutMs  4 missedOffersForBreak  5 genderPreferenceMaxWaitMs
--       6 wrapUpMs  7 NORMAL_SCORE_OFFSET  8 genders (JSON array)  9 the operation's arguments (JSON object)
-- Returns an array of QueueEvent JSON strings, or the error reply `QUEUE_REFUSED <reason>` for a refused
-- step (RedisQueueStore maps reasons to AppErrors).
--
-- Indexes are derived from the objects when they are written back (flush), never edited by hand, so they
-- cannot drift from the JSON. Nothing is written until the step has run. Every refusal the rules make comes
-- before the step's first change, so a refused step writes nothing (model.ts; the differential test checks
-- it). Should a refusal ever follow a change, flush still writes that change, as the memory store keeps it
-- (the rules mutate in place and have no rollback): the two stores stay equal either way.

cjson.encode_number_precision(14) -- ms epochs and scores (< 1e14) stay exact integers, never exponents

local NULL = cjson.null
local E, I, LINE, WAITING, AVAIL, DEADLINES, OFFERS, READY_ANY =
  KEYS[1], KEYS[2], KEYS[3], KEYS[4], KEYS[5], KEYS[6], KEYS[7], KEYS[8]
local op = ARGV[1]
local now = tonumber(ARGV[2])
local OFFER_MS = tonumber(ARGV[3])
local MISSED_FOR_BREAK = tonumber(ARGV[4])
local PREF_MAX_WAIT = tonumber(ARGV[5])
local WRAP_UP_MS = tonumber(ARGV[6])
local NORMAL_OFFSET = tonumber(ARGV[7])
local GENDERS = cjson.decode(ARGV[8])
local args = cjson.decode(ARGV[9])
local GUESTS = KEYS[#KEYS]

local READY, AVAIL_G = {}, {}
for k, g in ipairs(GENDERS) do
  READY[g] = KEYS[7 + 2 * k]
  AVAIL_G[g] = KEYS[8 + 2 * k]
end

-- JavaScript truthiness for the string fields the rules test with `if (x)`.
local function present(v)
  return v ~= nil and v ~= NULL and v ~= false and v ~= ''
end

-- Byte order, like Redis ZSET ties and JS `<` on ASCII ids (Lua's `<` on strings follows the locale).
local function before(a, b)
  local n = math.min(#a, #b)
  for k = 1, n do
    local x, y = string.byte(a, k), string.byte(b, k)
    if x ~= y then return x < y end
  end
  return #a < #b
end

-- ---- loaded objects and write-back --------------------------------------------------------------------

local entries, interps = {}, {} -- id -> decoded table, or false when absent
local removedEntries = {}        -- id -> the entry as it was when deleted (for its index keys)
local dirtyE, dirtyEOrder, dirtyI, dirtyIOrder = {}, {}, {}, {}
local ringingAtLoad = {}         -- interpreter id -> entry id it was being rung for when loaded, or false

local function touchEntry(id)
  if not dirtyE[id] then
    dirtyE[id] = true
    dirtyEOrder[#dirtyEOrder + 1] = id
  end
end

local function touchInterp(id)
  if not dirtyI[id] then
    dirtyI[id] = true
    dirtyIOrder[#dirtyIOrder + 1] = id
  end
end

local function ringing(i)
  if i.state == 'offered' and present(i.entryId) then return i.entryId end
  return false
end

local function getEntry(id)
  local e = entries[id]
  if e == nil then
    local raw = redis.call('HGET', E, id)
    e = raw and cjson.decode(raw) or false
    entries[id] = e
  end
  return e or nil
end

local function deleteEntry(id)
  local e = getEntry(id)
  if e then
    removedEntries[id] = e
    entries[id] = false
    touchEntry(id)
  end
end

local function getInterp(id)
  local i = interps[id]
  if i == nil then
    local raw = redis.call('HGET', I, id)
    i = raw and cjson.decode(raw) or false
    interps[id] = i
    if i then ringingAtLoad[id] = ringing(i) end
  end
  return i or nil
end

local function zset(key, member, on, score)
  if on then redis.call('ZADD', key, score, member) else redis.call('ZREM', key, member) end
end

local function readyKey(e)
  if not present(e.preferredGender) then return READY_ANY end
  return READY[e.preferredGender] or error('unknown preferred gender ' .. tostring(e.preferredGender))
end

local function flushEntry(id)
  local e = entries[id]
  if e then
    redis.call('HSET', E, id, cjson.encode(e))
    redis.call('HSET', GUESTS, e.guestId, id)
    local inLine = e.state ~= 'in-call'
    zset(LINE, id, inLine, e.score)
    zset(WAITING, id, e.state == 'waiting', e.score)
    zset(readyKey(e), id, e.state == 'waiting' and e.disconnectedUntil == NULL, e.score)
    zset(DEADLINES, 'e:' .. id, inLine and e.disconnectedUntil ~= NULL, e.disconnectedUntil)
  else
    local old = removedEntries[id]
    redis.call('HDEL', E, id)
    if redis.call('HGET', GUESTS, old.guestId) == id then redis.call('HDEL', GUESTS, old.guestId) end
    redis.call('ZREM', LINE, id)
    redis.call('ZREM', WAITING, id)
    redis.call('ZREM', readyKey(old), id)
    redis.call('ZREM', DEADLINES, 'e:' .. id)
  end
end

local function flushInterp(id)
  local i = interps[id]
  redis.call('HSET', I, id, cjson.encode(i))
  local available = i.state == 'available'
  zset(AVAIL, id, available, i.idleSince)
  for _, g in ipairs(GENDERS) do zset(AVAIL_G[g], id, available and i.gender == g, i.idleSince) end
  local deadline = NULL
  if i.state == 'offered' then
    deadline = i.since + OFFER_MS
  elseif i.state == 'wrap-up' and i.wrapUpUntil ~= NULL then
    deadline = i.wrapUpUntil
  end
  zset(DEADLINES, 'i:' .. id, deadline ~= NULL, deadline)
  local was, is = ringingAtLoad[id], ringing(i)
  if was and was ~= is and redis.call('HGET', OFFERS, was) == id then redis.call('HDEL', OFFERS, was) end
  if is then redis.call('HSET', OFFERS, is, id) end
end

local function flush()
  for _, id in ipairs(dirtyEOrder) do flushEntry(id) end
  for _, id in ipairs(dirtyIOrder) do flushInterp(id) end
end

-- ---- events and refusals ------------------------------------------------------------------------------

-- Encoded at once: later changes to the same entry must not show in an event already made (rules clone).
local events = {}
local function emit(ev) events[#events + 1] = cjson.encode(ev) end
local function queueChanged() emit({ type = 'queue-changed' }) end
local function interpreterEvent(i) emit({ type = 'interpreter', interpreter = i }) end

local function refuse(reason) error({ refused = reason }) end

local function entryOrRefuse(id)
  return getEntry(id) or refuse('entry_not_found')
end

local function interpOrRefuse(id)
  return getInterp(id) or refuse('interpreter_not_found')
end

-- The interpreter being rung for an entry (ordinary offer or transfer), if any: there is at most one.
local function rungFor(entryId)
  local id = redis.call('HGET', OFFERS, entryId)
  local i = id and getInterp(id)
  if i and i.state == 'offered' and i.entryId == entryId then return i end
  return nil
end
