package deflate

import (
	"bytes"
	"compress/flate"
	"io"
	"math/rand/v2"
	"testing"
)

// encodeGreedy compresses data with a naive match finder (runs and the
// previous occurrence of a 3-byte prefix), exercising both token kinds.
func encodeGreedy(w *Writer, data []byte) []byte {
	w.Reset(nil)
	last := map[[3]byte]int{}
	for i := 0; i < len(data); {
		if i+3 <= len(data) {
			k := [3]byte{data[i], data[i+1], data[i+2]}
			if j, ok := last[k]; ok && i-j <= MaxDistance {
				n := 0
				for i+n < len(data) && data[j+n] == data[i+n] {
					n++
				}
				for p := i; p < i+n && p+3 <= len(data); p++ {
					last[[3]byte{data[p], data[p+1], data[p+2]}] = p
				}
				w.Copy(n, i-j)
				i += n
				w.EndBlock()
				continue
			}
			last[k] = i
		}
		w.Literal(data[i])
		i++
	}
	return w.Close()
}

func inflate(t testing.TB, z []byte) []byte {
	t.Helper()
	got, err := io.ReadAll(flate.NewReader(bytes.NewReader(z)))
	if err != nil {
		t.Fatalf("inflate: %v", err)
	}
	return got
}

func TestRoundTrip(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	random := func(n, alphabet int) []byte {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(rng.IntN(alphabet))
		}
		return b
	}
	tests := []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"one byte", []byte{7}},
		{"two symbols", []byte("abababababababababab")},
		{"run", bytes.Repeat([]byte{0xFF}, 100000)},
		{"text", bytes.Repeat([]byte("The quick brown fox jumps over the lazy dog 0123456789. "), 50)},
		{"binary alphabet", random(5000, 2)},
		{"all bytes", random(70000, 256)},
		{"skewed", func() []byte {
			b := random(20000, 256)
			for i := range b {
				if rng.IntN(10) > 0 {
					b[i] = 0
				}
			}
			return b
		}()},
		{"far copy", append(append(random(300, 256), make([]byte, 32468)...), random(300, 256)...)},
	}
	var w Writer
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			z := encodeGreedy(&w, tt.data)
			if got := inflate(t, z); !bytes.Equal(got, tt.data) {
				t.Fatalf("round trip differs: got %d bytes, want %d", len(got), len(tt.data))
			}
		})
	}
}

// TestLongCopies checks the splitting of copies into tokens of 3..258 bytes,
// the merging of adjacent copies and distances at the window's edge.
func TestLongCopies(t *testing.T) {
	var w Writer
	for _, dist := range []int{1, 2, 57, 4096, MaxDistance} {
		for _, n := range []int{3, 257, 258, 259, 260, 261, 516, 517, 1000} {
			w.Reset(nil)
			var want []byte
			for i := 0; i < dist; i++ {
				b := byte(i*7 + i>>8)
				w.Literal(b)
				want = append(want, b)
			}
			w.Copy(n, dist)
			w.Copy(n/2+3, dist)
			for i := 0; i < n+n/2+3; i++ {
				want = append(want, want[len(want)-dist])
			}
			if got := inflate(t, w.Close()); !bytes.Equal(got, want) {
				t.Fatalf("dist %d length %d: round trip differs", dist, n)
			}
		}
	}
}

func TestResetMatchesNew(t *testing.T) {
	data := bytes.Repeat([]byte("qrworks png "), 100)
	var used Writer
	encodeGreedy(&used, []byte("something else entirely, to leave state behind"))
	a := encodeGreedy(&used, data)
	var fresh Writer
	b := encodeGreedy(&fresh, data)
	if !bytes.Equal(a, b) {
		t.Fatal("a reset Writer writes a different stream from a new one")
	}
}

func FuzzRoundTrip(f *testing.F) {
	f.Add([]byte("hello hello hello"))
	f.Add(bytes.Repeat([]byte{0, 0xFF}, 300))
	var w Writer
	f.Fuzz(func(t *testing.T, data []byte) {
		if got := inflate(t, encodeGreedy(&w, data)); !bytes.Equal(got, data) {
			t.Fatal("round trip differs")
		}
	})
}

// TestManyBlocks writes enough tokens for EndBlock to cut the stream into
// several blocks, each with its own Huffman code.
func TestManyBlocks(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	var w Writer
	w.Reset(nil)
	var want []byte
	for i := 0; i < 300000; i++ {
		// The alphabet drifts, so that the blocks' codes differ.
		b := byte(rng.IntN(4 + i/10000))
		w.Literal(b)
		want = append(want, b)
		if i%1000 == 999 {
			w.Copy(10, 7)
			for k := 0; k < 10; k++ {
				want = append(want, want[len(want)-7])
			}
			w.EndBlock()
		}
	}
	if got := inflate(t, w.Close()); !bytes.Equal(got, want) {
		t.Fatal("round trip differs")
	}
}

// TestEndBlockKeepsCopy: a copy pending at EndBlock still merges with the
// next copy at its distance, even one shorter than MinMatch, in this block
// or the next; a long pending copy gives EndBlock its whole MaxMatch
// tokens at once, so the token buffer stays bounded.
func TestEndBlockKeepsCopy(t *testing.T) {
	var w Writer
	w.Reset(nil)
	want := []byte("0123456789")
	for _, b := range want {
		w.Literal(b)
	}
	for _, n := range []int{300, 1, 2, 5000, 1} {
		w.Copy(n, 10)
		for range n {
			want = append(want, want[len(want)-10])
		}
		w.EndBlock()
		if w.pendLen >= MaxMatch+MinMatch {
			t.Fatalf("after EndBlock %d bytes are pending, want fewer than %d", w.pendLen, MaxMatch+MinMatch)
		}
		if w.Len() != len(want) {
			t.Fatalf("Len() = %d, want %d", w.Len(), len(want))
		}
	}
	if got := inflate(t, w.Close()); !bytes.Equal(got, want) {
		t.Fatal("round trip differs")
	}
}
