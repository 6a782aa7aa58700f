package qrhttp

import (
	"math/bits"
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
// A response enters the cache only when its key is missed a second time
// within a while: a doorkeeper (below) remembers the keys missed once. A
// label printer's service sees a new text in almost every request (a serial
// number, a parcel id), and storing those would cost an entry each — its
// allocations, an eviction and garbage — for no hit ever, and would push
// the repeated texts out.
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
	shards  [cacheShards]cacheShard
	door    doorkeeper
	hits    atomic.Uint64
	misses  atomic.Uint64
	refused atomic.Uint64 // misses not stored: their key was new to the doorkeeper
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
	c.door.init(maxBytes / typicalEntryBytes * doorkeeperMemory)
	return c
}

// admit reports whether the response to a missed key should be stored: it
// should when the key was missed once already, recently (see doorkeeper).
func (c *responseCache) admit(key []byte) bool {
	if c.door.seen(cacheHash(key)) {
		return true
	}
	c.refused.Add(1)
	return false
}

// typicalEntryBytes is about what an entry of the default request costs
// (docs/service.md: a 699-byte PNG, a 60-byte key and the overhead): the
// number of entries a cache of a given budget holds.
const typicalEntryBytes = 1 << 10

// doorkeeperMemory is how many keys seen once the doorkeeper remembers, as
// a multiple of the entries the cache holds: a text requested twice within
// that many misses is cached, as TinyLFU's doorkeeper does (Einziger,
// Friedman and Manes, "TinyLFU: A Highly Efficient Cache Admission Policy",
// ACM Transactions on Storage 13(4), 2017).
const doorkeeperMemory = 4

// doorkeeper is a Bloom filter of the keys missed recently: seen records a
// key and reports whether it was recorded before. Once it has recorded as
// many keys as it is sized for, it forgets them all and starts again, so
// that it stays accurate however many keys go by. A false "seen" (under
// 2% at capacity, with doorkeeperBits bits and doorkeeperProbes probes a
// key) only stores a response that may not be asked for again. Safe for
// concurrent use: the bits are set and read atomically, and a key recorded
// while the filter is cleared may be forgotten, which costs one more miss.
type doorkeeper struct {
	bits     []atomic.Uint64
	mask     uint64 // bit positions are hash values & mask
	recorded atomic.Int64
	capacity int64
}

// A Bloom filter of doorkeeperBits bits per key and doorkeeperProbes probes
// per key has a false positive rate of (1 − e^(−3/10))³ ≈ 1.7% once full.
const (
	doorkeeperBits   = 10
	doorkeeperProbes = 3
)

// init sizes d for keys keys (at least 1024).
func (d *doorkeeper) init(keys int64) {
	d.capacity = max(keys, 1024)
	n := uint64(1) << bits.Len64(uint64(d.capacity*doorkeeperBits-1)) // bits, a power of two
	d.bits = make([]atomic.Uint64, n/64)
	d.mask = n - 1
}

// seen records the key whose hash is h and reports whether it was recorded
// already (or, rarely, collides with keys that were).
func (d *doorkeeper) seen(h uint64) bool {
	// Kirsch–Mitzenmacher double hashing: probe i is h1 + i·h2, from the
	// two halves of the key's 64-bit hash.
	h1, h2 := h, h>>32|1
	all := true
	for i := uint64(0); i < doorkeeperProbes; i++ {
		pos := (h1 + i*h2) & d.mask
		w, bit := &d.bits[pos/64], uint64(1)<<(pos%64)
		if w.Load()&bit == 0 {
			all = false
			w.Or(bit)
		}
	}
	if all {
		return true
	}
	if d.recorded.Add(1) >= d.capacity {
		d.recorded.Store(0)
		for i := range d.bits {
			d.bits[i].Store(0)
		}
	}
	return false
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
