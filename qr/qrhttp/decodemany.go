package qrhttp

import (
	"context"
	"net/http"
	"sync"
	"time"

	"github.com/qrworks/qrworks/decode"
)

// POST /api/decode with several "file" parts: every image gets its own
// result, in upload order, and one bad image never fails the others.
// Structured append sequences whose codes are spread over the files are
// merged (decode.Merge) into the top-level "merged" array.

// decodeManyResponse is the answer of a multi-file decode.
type decodeManyResponse struct {
	Results []fileResult  `json:"results"`
	Merged  []decodedCode `json:"merged"` // sequences completed across files; [] if none
}

// fileResult is the result of one image: its codes, or why there are none.
type fileResult struct {
	File  string        `json:"file"`  // the part's file name
	Codes []decodedCode `json:"codes"` // [] when Error is set
	Error *errorBody    `json:"error"` // null when the image was decoded
}

// decodeMany decodes files on up to Concurrency workers and answers their
// results. The request is admitted under the usual queue rules; each image
// then waits its turn for a CPU slot and is decoded under the budget a
// single upload gets (Options.Timeout, and the client staying).
func (h *Handler) decodeMany(w http.ResponseWriter, r *http.Request, start time.Time, files []upload) int {
	if e := h.acquire(r, start); e != nil {
		return serveError(w, e)
	}
	h.slots.release()

	resp := decodeManyResponse{Results: make([]fileResult, len(files))}
	found := make([][]decode.Result, len(files))
	next := make(chan int, len(files))
	for i := range files {
		next <- i
	}
	close(next)
	var wg sync.WaitGroup
	for range min(h.opts.Concurrency, len(files)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				resp.Results[i], found[i] = h.decodeFile(r.Context(), files[i])
			}
		}()
	}
	wg.Wait()
	if err := r.Context().Err(); err != nil {
		return serveError(w, errCanceled) // the client is gone or out of time
	}
	for _, res := range resp.Results {
		if res.Error != nil {
			h.metrics.items[epDecode][itemFailed].Add(1)
		} else {
			h.metrics.items[epDecode][itemDone].Add(1)
		}
	}
	resp.Merged = mergeAcrossFiles(files, found)
	return writeJSON(w, resp)
}

// decodeFile decodes one image of a multi-file upload.
func (h *Handler) decodeFile(ctx context.Context, f upload) (fileResult, []decode.Result) {
	res := fileResult{File: f.name, Codes: []decodedCode{}}
	var found []decode.Result
	e := f.err
	if e == nil {
		if err := h.slots.wait(ctx); err != nil {
			e = errCanceled
		} else {
			found, e = h.decodeImage(ctx, f.data, h.opts.Timeout)
			h.slots.release()
			if e == nil {
				res.Codes = toCodes(found)
			}
		}
	}
	if e != nil {
		res.Error = &errorBody{Error: e.msg, Code: e.code}
	}
	return res, found
}

// mergeAcrossFiles returns the structured append sequences that the codes
// of several files complete (found[i] are the codes of files[i]), their
// parts naming their files. Sequences complete within one image are
// already merged in that file's codes.
func mergeAcrossFiles(files []upload, found [][]decode.Result) []decodedCode {
	var parts []decode.Result
	var from []int // the file of each part
	for i, rs := range found {
		for _, r := range rs {
			if r.Sequence.Total != 0 && r.Parts == nil {
				parts, from = append(parts, r), append(from, i)
			}
		}
	}
	merged := []decodedCode{}
	for _, m := range decode.Merge(parts) {
		if m.Parts == nil {
			continue
		}
		c := toCodes([]decode.Result{m})[0]
		for j, pt := range m.Parts {
			if pt.Input >= 0 {
				c.Parts[j].File = files[from[pt.Input]].name
			}
		}
		merged = append(merged, c)
	}
	return merged
}
