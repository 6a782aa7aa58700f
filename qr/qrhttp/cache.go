package qrhttp

import (
	"strconv"
	"sync"
	"sync/atomic"
)

// The response cache of /api/generate.
//
// Real QR services see the same texts again and again (campaign links,
// <img src> GETs of the same page), and the same request always yields the
// same image, so finished responses are kept: body, ETag and Content-Type,
// keyed by the normalized request (the text and every option that affects
// the output). A hit skips encoding, rendering and the CPU slot.
//
// The cache is split into shards by key hash, each with its own lock, so
// that concurrent requests rarely contend. Eviction is CLOCK (second
// chance), an approximation of LRU whose hits only set an atomic flag under
// a read lock: a hit takes no write lock and allocates nothing. Each shard
// holds at most its share of the byte budget, counting keys, bodies and a
// fixed per-entry overhead. Entries are immutable once stored, so a hit
// writes the stored body and header values straight to the connection.

// cacheShards is the number of shards: a power of two, several times the
// core count of a small server, so that lock contention stays rare. A key's
// shard is given by the top cacheShardBits bits of its hash.
const (
	cacheShardBits = 4
	cacheShards    = 1 << cacheShardBits
)

// entryOverhead approximates the memory of an entry beyond its key and body
// bytes: the entry struct, its header slices and strings, the map slot and
// the ring slot.
const entryOverhead = 256

// minShardBytes is the smallest budget of a shard worth having, room for a
// few small entries; a cache whose shards would get less (16 KiB in all) is
// not built.
const minShardBytes = 4 * entryOverhead

// cacheLineBytes is the cache line size of amd64 and arm64: padding a
// shard's end by it keeps the locks of neighbouring shards off one line.
const cacheLineBytes = 64

// cacheEntry is one finished response. Every field is set before the entry
// is published and never written again, except ref.
type cacheEntry struct {
	key   string
	body  []byte
	etag  []string // header value: the quoted entity tag
	ctype []string // header value: image/png or image/svg+xml
	clen  []string // header value for Content-Length, or nil below smallBody
	size  int64    // bytes charged to the shard
	ref   atomic.Bool
}

// cacheShard is one part of the cache: a map for lookup and a ring for the
// CLOCK hand.
type cacheShard struct {
	mu    sync.RWMutex
	m     map[string]*cacheEntry
	ring  []*cacheEntry
	hand  int
	bytes int64
	limit int64
	_     [cacheLineBytes]byte // keep shards on separate cache lines
}

// responseCache is a bounded cache of generate responses, safe for
// concurrent use.
type responseCache struct {
	shards [cacheShards]cacheShard
	hits   atomic.Uint64
	misses atomic.Uint64
}

// newResponseCache returns a cache holding at most about maxBytes bytes, or
// nil if maxBytes is too small to hold anything useful.
func newResponseCache(maxBytes int64) *responseCache {
	per := maxBytes / cacheShards
	if per < minShardBytes {
		return nil
	}
	c := new(responseCache)
	for i := range c.shards {
		c.shards[i].m = make(map[string]*cacheEntry)
		c.shards[i].limit = per
	}
	return c
}

// The 64-bit FNV-1a parameters (the FNV specification, IETF
// draft-eastlake-fnv): offset basis and prime.
const (
	fnvOffset64 = 14695981039346656037
	fnvPrime64  = 1099511628211
)

// cacheHash is FNV-1a (64 bit) of key, inlined so that hashing a []byte
// key allocates nothing.
func cacheHash[K string | []byte](key K) uint64 {
	h := uint64(fnvOffset64)
	for i := 0; i < len(key); i++ {
		h ^= uint64(key[i])
		h *= fnvPrime64
	}
	return h
}

// shardOf returns the shard of key.
func shardOf[K string | []byte](c *responseCache, key K) *cacheShard {
	return &c.shards[cacheHash(key)>>(64-cacheShardBits)]
}

// get returns the entry stored under key, or nil.
func (c *responseCache) get(key []byte) *cacheEntry {
	s := shardOf(c, key)
	s.mu.RLock()
	e := s.m[string(key)] // no allocation: the compiler converts in place for lookups
	s.mu.RUnlock()
	if e == nil {
		c.misses.Add(1)
		return nil
	}
	if !e.ref.Load() {
		e.ref.Store(true)
	}
	c.hits.Add(1)
	return e
}

// newCacheEntry builds an entry for a response; it copies key and body and
// keeps the header values etag and ctype, which no one may modify.
func newCacheEntry(key []byte, body []byte, etag, ctype []string) *cacheEntry {
	e := &cacheEntry{
		key:   string(key),
		body:  append([]byte(nil), body...),
		etag:  etag,
		ctype: ctype,
	}
	if len(body) > smallBody {
		e.clen = []string{strconv.Itoa(len(body))}
	}
	e.size = int64(len(e.key)+len(e.body)+len(etag[0])) + entryOverhead
	return e
}

// put stores e unless its key is present already (another request rendered
// the same image meanwhile) or it is bigger than a shard's budget. It
// returns the entry now stored under the key, or e if none.
func (c *responseCache) put(e *cacheEntry) *cacheEntry {
	s := shardOf(c, e.key)
	if e.size > s.limit {
		return e
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if old := s.m[e.key]; old != nil {
		return old
	}
	for s.bytes+e.size > s.limit {
		s.evictOne()
	}
	s.m[e.key] = e
	s.ring = append(s.ring, e)
	s.bytes += e.size
	return e
}

// evictOne removes one entry by the CLOCK rule: the hand clears the
// reference flag of entries used since it last passed and removes the first
// entry not used. s.mu is held and the ring is not empty.
func (s *cacheShard) evictOne() {
	for {
		if s.hand >= len(s.ring) {
			s.hand = 0
		}
		e := s.ring[s.hand]
		if e.ref.Load() {
			e.ref.Store(false)
			s.hand++
			continue
		}
		delete(s.m, e.key)
		s.bytes -= e.size
		// Move the last entry into the hole: it gets looked at next, a
		// small departure from a strict clock order that keeps removal O(1).
		last := len(s.ring) - 1
		s.ring[s.hand] = s.ring[last]
		s.ring[last] = nil
		s.ring = s.ring[:last]
		return
	}
}

// stats returns the number of entries and bytes held.
func (c *responseCache) stats() (entries int, bytes int64) {
	for i := range c.shards {
		s := &c.shards[i]
		s.mu.RLock()
		entries += len(s.m)
		bytes += s.bytes
		s.mu.RUnlock()
	}
	return entries, bytes
}
