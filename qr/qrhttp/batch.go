package qrhttp

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"encoding/json"
	"errors"
	"hash/crc32"
	"net/http"
	"strings"
	"sync"
	"time"
)

// POST /api/generate/batch: many texts in, one ZIP file out.
//
// The request is checked whole before the answer starts (limits, fields,
// the first CPU slot under the usual queue rules), so that those errors are
// JSON with their status. Then the ZIP is streamed as it is produced:
// workers, at most one per CPU slot, encode chunks of items, each holding a
// slot only for its chunk, so that single requests wait at most a chunk's
// time behind a batch; entries are written in item order. errors.json comes
// last and lists every item not in the ZIP: its presence is how a client
// knows that the ZIP is complete. A client that goes away stops the work.

// batchChunk is the number of items a worker encodes under one CPU slot: a
// few milliseconds of work at the defaults (under a millisecond an item),
// short enough for single requests queued behind it.
const batchChunk = 8

// batchWindow is how many chunks per worker may be encoded ahead of the
// one being written, bounding the memory a slow reader makes the batch hold.
const batchWindow = 2

// The ZIP entry of the errors, and the name of the whole ZIP file.
const (
	batchErrorsName = "errors.json"
	batchFileName   = "qrcodes.zip"
)

var (
	disposeBatchZIP = []string{`attachment; filename="` + batchFileName + `"`}
	errBatchTimeout = &apiError{http.StatusServiceUnavailable, "timeout", "not encoded within the batch's time limit", 0}
)

// itemErrorCodes are the codes of errors that depend on an item's text or
// name; any other error of an item is the request's, the same for all items.
// A check of the text that validate gains needs its code here.
var itemErrorCodes = map[string]bool{
	"missing_text": true, "text_too_long": true, "does_not_fit": true, "bad_text": true, "bad_gs1": true,
	"bad_name": true, "duplicate_name": true, "bad_row": true,
}

// batchJob is a checked batch request.
type batchJob struct {
	req   genRequest  // the generate fields, the text left to each item
	items []batchItem // err set for items that fail before encoding
	start time.Time
	svg   bool
}

// batch serves /api/generate/batch.
func (h *Handler) batch(w http.ResponseWriter, r *http.Request, start time.Time) int {
	if r.Method != http.MethodPost {
		return serveMethodNotAllowed(w, "POST")
	}
	if e := h.allowClient(r, start); e != nil {
		return serveError(w, e)
	}
	job := &batchJob{start: start}
	job.req.setDefaults()
	items, e := h.readBatch(w, r, start, &job.req)
	if e != nil {
		return serveError(w, e)
	}
	job.items = items
	if e := h.checkBatch(job); e != nil {
		return serveError(w, e)
	}
	// Admitted under the same queue rules as a single request; the
	// workers then wait their turn for each chunk.
	if e := h.acquire(r, start); e != nil {
		return serveError(w, e)
	}
	h.slots.release()
	return h.streamBatch(w, r, job)
}

// checkBatch checks the generate fields of job and names its items. An
// error of the fields fails the whole request, before any item is encoded.
func (h *Handler) checkBatch(job *batchJob) *apiError {
	if job.req.Sequence != nil {
		return badRequest("bad_sequence", "a batch item is one code; a sequence is for /api/generate")
	}
	switch strings.ToLower(job.req.Format) {
	case "", "png":
	case "svg":
		job.svg = true
	default:
		return badRequest("bad_format", `format of a batch must be "png" or "svg"`)
	}
	// The fields are checked with the first item's text: an error that
	// does not come from that text would fail every item.
	g := job.req
	g.Text = job.items[0].Text
	var p genParams
	if e := h.validate(&g, &p); e != nil && !itemErrorCodes[e.code] {
		return e
	}
	ext := ".png"
	if job.svg {
		ext = ".svg"
	}
	nameItems(job.items, ext)
	return nil
}

// batchResult is a chunk of items and, once done is closed, their entries.
type batchResult struct {
	items   []batchItem // a window of batchJob.items, owned by the worker until done
	entries []zipEntry  // entries[i] is items[i]'s, when items[i].err is nil
	done    chan struct{}
}

// zipEntry is a file ready to be written into the ZIP as it is: its data
// compressed (or stored) by a worker, under a CPU slot.
type zipEntry struct {
	data         []byte
	method       uint16
	crc          uint32
	uncompressed uint64
}

// streamBatch answers 200 and writes the ZIP of job, encoding its items on
// up to Concurrency workers. It returns when the ZIP is written, the client
// went away, or writing failed; the workers have stopped by then.
func (h *Handler) streamBatch(w http.ResponseWriter, r *http.Request, job *batchJob) int {
	// work bounds the encoding: the client's request and the batch time
	// limit. stream stops the dispatch when the answer can no longer be
	// written.
	work, cancelWork := context.WithDeadline(r.Context(), job.start.Add(h.opts.BatchTimeout))
	defer cancelWork()
	stream, stopStream := context.WithCancel(r.Context())
	defer stopStream()

	results := make([]batchResult, (len(job.items)+batchChunk-1)/batchChunk)
	for i := range results {
		results[i] = batchResult{items: job.items[i*batchChunk : min((i+1)*batchChunk, len(job.items))], done: make(chan struct{})}
	}
	workers := min(h.opts.Concurrency, len(results))
	chunks := make(chan *batchResult)
	window := make(chan struct{}, batchWindow*workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			h.batchWorker(work, job, chunks)
		}()
	}
	go dispatch(stream, results, chunks, window)
	defer wg.Wait()

	hdr := w.Header()
	hdr["Content-Type"] = ctZip
	hdr["Content-Disposition"] = disposeBatchZIP
	hdr["Cache-Control"] = noStore
	hdr["X-Content-Type-Options"] = nosniff
	rc := http.NewResponseController(w)
	// The server's WriteTimeout would cut a long batch short.
	_ = rc.SetWriteDeadline(job.start.Add(h.opts.BatchTimeout + h.opts.Timeout))
	w.WriteHeader(http.StatusOK)
	zw := newBatchZip(w, rc, job.start)
	for i := range results {
		select {
		case <-results[i].done:
		case <-stream.Done():
			return http.StatusOK // the client went away: nothing to write to
		}
		if err := h.writeChunk(zw, &results[i]); err != nil {
			stopStream()
			cancelWork()
			return http.StatusOK
		}
		<-window
	}
	h.writeBatchErrors(zw, job.items) // an error here is the client's: nothing is left to stop
	return http.StatusOK
}

// dispatch hands the chunks to the workers in order, at most cap(window)
// ahead of the writer, until all are handed out or stream is done.
func dispatch(stream context.Context, results []batchResult, chunks chan<- *batchResult, window chan struct{}) {
	defer close(chunks)
	for i := range results {
		select {
		case window <- struct{}{}:
		case <-stream.Done():
			return
		}
		select {
		case chunks <- &results[i]:
		case <-stream.Done():
			return
		}
	}
}

// batchWorker encodes the chunks it receives until chunks is closed. Once
// work is done (the client went away, or time is up), it marks the items
// of the chunks left with errBatchTimeout without encoding them.
func (h *Handler) batchWorker(work context.Context, job *batchJob, chunks <-chan *batchResult) {
	var enc itemEncoder
	for c := range chunks {
		c.entries = make([]zipEntry, len(c.items))
		if work.Err() == nil && h.slots.wait(work) == nil {
			for i := range c.items {
				if work.Err() != nil {
					break
				}
				if c.items[i].err == nil {
					c.entries[i], c.items[i].err = enc.encode(h, job, c.items[i].Text)
				}
			}
			h.slots.release()
		}
		for i := range c.items {
			if c.items[i].err == nil && c.entries[i].data == nil {
				c.items[i].err = errBatchTimeout
			}
		}
		close(c.done)
	}
}

// itemEncoder is a worker's state for encoding items: a scratch for
// rendering and a compressor for SVG, reused from item to item.
type itemEncoder struct {
	s   genScratch
	buf bytes.Buffer
	fw  *flate.Writer
}

// encode renders one item's text with job's fields into a ZIP entry: a PNG
// stored as it is (it is compressed already), an SVG deflated.
func (e *itemEncoder) encode(h *Handler, job *batchJob, text string) (zipEntry, *apiError) {
	g := job.req
	g.Text = text
	var p genParams
	if ae := h.validate(&g, &p); ae != nil {
		return zipEntry{}, ae
	}
	p.svg = job.svg
	if err := h.render(&e.s, &p); err != nil {
		return zipEntry{}, encodeError(err)
	}
	img := e.s.out.Bytes()
	ent := zipEntry{method: zip.Store, crc: crc32.ChecksumIEEE(img), uncompressed: uint64(len(img))}
	if !job.svg {
		ent.data = bytes.Clone(img)
		return ent, nil
	}
	e.buf.Reset()
	if e.fw == nil {
		e.fw, _ = flate.NewWriter(&e.buf, flate.DefaultCompression) // cannot fail: the level is valid
	} else {
		e.fw.Reset(&e.buf)
	}
	e.fw.Write(img) // cannot fail: writes to a bytes.Buffer
	e.fw.Close()
	ent.method, ent.data = zip.Deflate, bytes.Clone(e.buf.Bytes())
	return ent, nil
}

// batchZip writes the ZIP of a batch to the client, flushing each chunk so
// that the client sees the entries as they come.
type batchZip struct {
	zw       *zip.Writer
	rc       *http.ResponseController
	modified time.Time
}

func newBatchZip(w http.ResponseWriter, rc *http.ResponseController, modified time.Time) *batchZip {
	return &batchZip{zw: zip.NewWriter(w), rc: rc, modified: modified}
}

// add writes one entry, its data already compressed as e.method says.
func (b *batchZip) add(name string, e zipEntry) error {
	fh := &zip.FileHeader{Name: name, Method: e.method, Modified: b.modified, CRC32: e.crc,
		CompressedSize64: uint64(len(e.data)), UncompressedSize64: e.uncompressed}
	fw, err := b.zw.CreateRaw(fh)
	if err == nil {
		_, err = fw.Write(e.data)
	}
	return err
}

// flush sends what is written so far to the client.
func (b *batchZip) flush() error {
	if err := b.zw.Flush(); err != nil {
		return err
	}
	// A writer that cannot flush (a middleware's wrapper) still gets the
	// whole ZIP, as its buffers fill.
	if err := b.rc.Flush(); err != nil && !errors.Is(err, http.ErrNotSupported) {
		return err
	}
	return nil
}

// writeChunk writes the entries of a done chunk and counts its items.
func (h *Handler) writeChunk(zw *batchZip, c *batchResult) error {
	for i := range c.items {
		if c.items[i].err != nil {
			continue
		}
		if err := zw.add(c.items[i].file, c.entries[i]); err != nil {
			return err
		}
		c.entries[i] = zipEntry{} // written: let the memory go
		h.metrics.items[epBatch][itemDone].Add(1)
	}
	return zw.flush()
}

// batchErrors is the content of errors.json.
type batchErrors struct {
	Items   int          `json:"items"`   // items in the request
	Written int          `json:"written"` // entries in the ZIP besides errors.json
	Errors  []batchError `json:"errors"`  // the other items, in request order
}

// batchError is an item not in the ZIP.
type batchError struct {
	Item  int    `json:"item"` // 1-based position in the request
	Name  string `json:"name"` // as given; "" if none was
	Code  string `json:"code"`
	Error string `json:"error"`
}

// writeBatchErrors writes errors.json, the last entry, and ends the ZIP.
func (h *Handler) writeBatchErrors(zw *batchZip, items []batchItem) error {
	out := batchErrors{Items: len(items), Errors: []batchError{}}
	for i, it := range items {
		if it.err == nil {
			out.Written++
			continue
		}
		out.Errors = append(out.Errors, batchError{Item: i + 1, Name: it.Name, Code: it.err.code, Error: it.err.msg})
		h.metrics.items[epBatch][itemFailed].Add(1)
	}
	data, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return err
	}
	data = append(data, '\n')
	fw, err := zw.zw.CreateHeader(&zip.FileHeader{Name: batchErrorsName, Method: zip.Deflate, Modified: zw.modified})
	if err == nil {
		_, err = fw.Write(data)
	}
	if err == nil {
		err = zw.zw.Close()
	}
	if err == nil {
		err = zw.flush()
	}
	return err
}
