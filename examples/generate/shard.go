package main

import (
	"fmt"
	"os"
	"strconv"
	"strings"
)

// shard is the part of a batch that one process writes, so that N processes
// (the pods of a Kubernetes Indexed Job, say) share one input file: the jobs
// whose 0-based index in the whole input, mod n, is k. A job is a line of a
// plain batch, blank lines included, and a record of a CSV batch, so every
// process numbers them alike. Files keep the names the whole input gives
// them (line numbers), so shards can write into one directory, and n shards
// write every line exactly once.
type shard struct {
	k, n int // 0 ≤ k < n; n = 1 is the whole batch
}

// completionIndexEnv is the variable Kubernetes sets to a pod's index in an
// Indexed Job (0 … completions−1).
const completionIndexEnv = "JOB_COMPLETION_INDEX"

// parseShard parses the -shard flag: "K/N", or "N" with K taken from
// JOB_COMPLETION_INDEX. The empty string is the whole batch.
func parseShard(v string) (shard, error) {
	if v == "" {
		return shard{0, 1}, nil
	}
	ks, ns, hasK := strings.Cut(v, "/")
	if !hasK {
		ks, ns = os.Getenv(completionIndexEnv), v
		if ks == "" {
			return shard{}, fmt.Errorf("-shard %q gives no K and %s is not set (use -shard K/N)", v, completionIndexEnv)
		}
	}
	n, err := strconv.Atoi(ns)
	if err != nil || n < 1 {
		return shard{}, fmt.Errorf("-shard %q: N must be a positive integer", v)
	}
	k, err := strconv.Atoi(ks)
	if err != nil || k < 0 || k >= n {
		return shard{}, fmt.Errorf("-shard %q: K (%q) must be an integer from 0 to %d", v, ks, n-1)
	}
	return shard{k, n}, nil
}

// String returns the shard as K/N.
func (s shard) String() string { return strconv.Itoa(s.k) + "/" + strconv.Itoa(s.n) }

// of returns the source of the jobs of src that belong to s.
func (s shard) of(src source) source {
	if s.n == 1 {
		return src
	}
	return &shardSource{src: src, shard: s}
}

// count returns how many of total jobs belong to s, for the progress bar.
func (s shard) count(total int64) int64 {
	if total <= int64(s.k) {
		return 0
	}
	return (total - int64(s.k) + int64(s.n) - 1) / int64(s.n)
}

// shardSource passes on the jobs of src whose index belongs to its shard.
type shardSource struct {
	src source
	shard
}

func (s *shardSource) run(emit func(job)) error {
	index := 0
	return s.src.run(func(j job) {
		if index%s.n == s.k {
			emit(j)
		}
		index++
	})
}
