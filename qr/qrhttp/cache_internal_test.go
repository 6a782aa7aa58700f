package qrhttp

import (
	"fmt"
	"testing"
)

// TestCacheClock: the shard stays within its budget, and an entry used
// since the hand last passed survives an eviction round that removes an
// unused one.
func TestCacheClock(t *testing.T) {
	c := newResponseCache(cacheShards * 8 * entryOverhead)
	if c == nil {
		t.Fatal("no cache")
	}
	// Keys of one shard, so that they compete for the same budget.
	var keys [][]byte
	for i := 0; len(keys) < 40; i++ {
		k := []byte(fmt.Sprintf("key-%d", i))
		if shardOf(c, k) == &c.shards[0] {
			keys = append(keys, k)
		}
	}
	s := &c.shards[0]
	put := func(k []byte) { c.put(newCacheEntry(k, []byte("body"), []string{`"tag"`}, ctPNG)) }
	for _, k := range keys[:4] {
		put(k)
	}
	if c.get(keys[0]) == nil {
		t.Fatal("fresh entry missing")
	}
	for _, k := range keys[4:] {
		put(k)
		if s.bytes > s.limit {
			t.Fatalf("shard holds %d bytes, limit %d", s.bytes, s.limit)
		}
		c.get(keys[0]) // keep using it
		if len(s.m) != len(s.ring) {
			t.Fatalf("map has %d entries, ring %d", len(s.m), len(s.ring))
		}
	}
	if c.get(keys[0]) == nil {
		t.Error("the entry used all along was evicted")
	}
	if c.get(keys[1]) != nil {
		t.Error("an entry never used again survived 36 insertions into a 7-entry shard")
	}
	// A second put of a stored key keeps the first entry.
	first := c.get(keys[0])
	if got := c.put(newCacheEntry(keys[0], []byte("other"), []string{`"x"`}, ctPNG)); got != first || string(got.body) != "body" {
		t.Error("a second put replaced a stored entry")
	}
	// An entry bigger than a shard is not stored.
	big := newCacheEntry([]byte("big"), make([]byte, s.limit), []string{`"b"`}, ctPNG)
	if c.put(big); c.get([]byte("big")) != nil {
		t.Error("an entry over the shard budget was stored")
	}
}

// TestCacheGetAllocs: a hit and a miss allocate nothing.
func TestCacheGetAllocs(t *testing.T) {
	c := newResponseCache(1 << 20)
	key := []byte("\x03\x00\x01https://example.com/product/0123456789?batch=42")
	c.put(newCacheEntry(key, []byte("png"), []string{`"tag"`}, ctPNG))
	miss := []byte("absent")
	if a := testing.AllocsPerRun(100, func() {
		if c.get(key) == nil || c.get(miss) != nil {
			t.Fatal("wrong lookup")
		}
	}); a != 0 {
		t.Errorf("%v allocations per lookup, want 0", a)
	}
}

// TestCacheTooSmall: a budget too small for any entry disables the cache.
func TestCacheTooSmall(t *testing.T) {
	if newResponseCache(100) != nil {
		t.Error("a 100-byte cache was created")
	}
}
