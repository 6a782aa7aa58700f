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

// TestDoorkeeper: a key is admitted the second time it is missed; keys
// never recorded are refused but for a few false positives, even with the
// filter at capacity; and past capacity the filter forgets and starts again.
func TestDoorkeeper(t *testing.T) {
	c := newResponseCache(1 << 20) // 1024 entries of 1 KiB: 4096 keys remembered
	key := []byte("a serial number")
	if c.admit(key) {
		t.Fatal("a key missed once was admitted")
	}
	if !c.admit(key) {
		t.Fatal("a key missed twice was not admitted")
	}
	capacity := int(c.door.capacity)
	for i := 0; i < capacity-2; i++ {
		c.door.seen(cacheHash(fmt.Appendf(nil, "fill-%d", i)))
	}
	false1 := 0
	const probes = 2000
	for i := 0; i < probes; i++ {
		// Probing records the key too: the filter may reset midway, which
		// only lowers the count.
		if c.door.seen(cacheHash(fmt.Appendf(nil, "new-%d", i))) {
			false1++
		}
	}
	// (1 − e^(−3/10))³ ≈ 1.7% at capacity.
	if false1 > probes*3/100 {
		t.Errorf("%d of %d new keys passed the doorkeeper, want under 3%%", false1, probes)
	}
	// Far past capacity, the key of the start is forgotten.
	if c.door.seen(cacheHash(key)) {
		t.Error("a key from before the reset is still remembered")
	}
	if got := c.refused.Load(); got != 1 {
		t.Errorf("refused = %d, want 1 (only the first miss went through admit)", got)
	}
}
