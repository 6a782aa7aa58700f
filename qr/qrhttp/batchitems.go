package qrhttp

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"
)

// The items of POST /api/generate/batch: reading the body, JSON or CSV,
// into a list of texts with the file names they get in the ZIP.

// batchItem is one text of a batch and what became of it.
type batchItem struct {
	Name string `json:"name"`
	Text string `json:"text"`

	file string    // entry name in the ZIP, extension included
	err  *apiError // why the item is not in the ZIP, or nil
}

// batchItems is the "items" array of a JSON batch, decoded one item at a time
// so that a body of many tiny items stops at the limit instead of filling
// memory.
type batchItems struct {
	list []batchItem
	max  int
}

// errTooManyItems stops decoding at the item limit.
var errTooManyItems = errors.New("too many items")

// UnmarshalJSON decodes a JSON array of items, at most b.max of them.
func (b *batchItems) UnmarshalJSON(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	if t, err := dec.Token(); err != nil || t != json.Delim('[') {
		return errors.New(`"items" is not an array`)
	}
	for dec.More() {
		if len(b.list) == b.max {
			return errTooManyItems
		}
		var it batchItem
		if err := dec.Decode(&it); err != nil {
			return fmt.Errorf("item %d: %w", len(b.list)+1, err)
		}
		b.list = append(b.list, it)
	}
	return nil
}

// readBatch reads the body of a batch request: its items, and its generate
// fields into g (which holds the defaults). A JSON body carries both; a CSV
// body ("name,text" header) carries the items and the query string the
// fields.
func (h *Handler) readBatch(w http.ResponseWriter, r *http.Request, start time.Time, g *genRequest) ([]batchItem, *apiError) {
	limit := h.opts.MaxBatchBytes
	tooBig := tooLarge("body_too_large", "batch body over "+strconv.FormatInt(limit, 10)+" bytes")
	if r.ContentLength > limit {
		return nil, tooBig
	}
	mediaType, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mediaType != "" && mediaType != "application/json" && mediaType != "text/csv" {
		return nil, &apiError{http.StatusUnsupportedMediaType, "unsupported_media_type",
			"a batch is application/json or text/csv", 0}
	}
	setReadDeadline(w, r, start.Add(h.opts.Timeout))
	body, err := readLimited(nil, r.Body, limit, r.ContentLength)
	if err != nil {
		return nil, bodyError(err, tooBig)
	}
	var items []batchItem
	var e *apiError
	if mediaType == "text/csv" {
		if e = queryRequest(g, r.URL.RawQuery); e == nil {
			items, e = h.csvItems(body)
		}
	} else {
		items, e = h.jsonItems(body, g)
	}
	if e == nil && len(items) == 0 {
		e = badRequest("missing_items", "the batch has no items")
	}
	return items, e
}

// jsonItems decodes a JSON batch: the generate fields into g, the items.
func (h *Handler) jsonItems(body []byte, g *genRequest) ([]batchItem, *apiError) {
	// Two passes, so that the generate fields are decoded exactly as
	// /api/generate decodes them, whatever fields it grows.
	if err := json.Unmarshal(body, g); err != nil {
		return nil, badRequest("bad_json", "request body is not the expected JSON: "+err.Error())
	}
	req := struct {
		Items *batchItems `json:"items"`
	}{&batchItems{max: h.opts.MaxBatchItems}}
	if err := json.Unmarshal(body, &req); err != nil {
		if errors.Is(err, errTooManyItems) {
			return nil, h.tooManyItems()
		}
		return nil, badRequest("bad_json", "request body is not the expected JSON: "+err.Error())
	}
	return req.Items.list, nil
}

// csvItems decodes a CSV batch: a header naming a "text" column and
// optionally a "name" column, then one item per row.
func (h *Handler) csvItems(body []byte) ([]batchItem, *apiError) {
	cr := csv.NewReader(bytes.NewReader(body))
	cr.FieldsPerRecord = -1 // a short row is that item's error, not the batch's
	header, err := cr.Read()
	if err != nil {
		return nil, badRequest("bad_csv", "cannot read the CSV header: "+err.Error())
	}
	textCol, nameCol := -1, -1
	for i, f := range header {
		switch strings.ToLower(strings.TrimSpace(strings.TrimPrefix(f, "\ufeff"))) {
		case "text":
			textCol = i
		case "name":
			nameCol = i
		}
	}
	if textCol < 0 {
		return nil, badRequest("bad_csv", `the CSV header names no "text" column`)
	}
	var items []batchItem
	for {
		rec, err := cr.Read()
		if err != nil {
			if err == io.EOF {
				return items, nil
			}
			return nil, badRequest("bad_csv", "malformed CSV: "+err.Error())
		}
		if len(items) == h.opts.MaxBatchItems {
			return nil, h.tooManyItems()
		}
		var it batchItem
		switch {
		case textCol >= len(rec) || nameCol >= len(rec):
			it.err = badRequest("bad_row", "row has "+strconv.Itoa(len(rec))+" fields, too few for the header")
		default:
			it.Text = rec[textCol]
			if nameCol >= 0 {
				it.Name = rec[nameCol]
			}
		}
		items = append(items, it)
	}
}

func (h *Handler) tooManyItems() *apiError {
	return tooLarge("too_many_items", "batch over "+strconv.Itoa(h.opts.MaxBatchItems)+" items")
}

// maxItemName bounds a name: common file systems (ext4, XFS, APFS) cap a
// file name at 255 bytes, and 200 leaves room for the extension.
const maxItemName = 200

// nameItems gives each item without an error its entry name: its name, or
// its 1-based position zero-padded to the width of the item count, plus ext
// (".png"). A name that is not one plain file name, or that gives an entry
// an earlier item has (ignoring case, as common file systems do when the
// ZIP is unpacked), makes the item fail rather than be renamed, so that
// every entry is the item its name says.
func nameItems(items []batchItem, ext string) {
	width := len(strconv.Itoa(len(items)))
	seen := make(map[string]int, len(items))
	for i := range items {
		it := &items[i]
		if it.err != nil {
			continue
		}
		name := it.Name
		if name == "" {
			name = fmt.Sprintf("%0*d", width, i+1)
		} else if it.err = checkItemName(name); it.err != nil {
			continue
		}
		file := name
		if !strings.EqualFold(path.Ext(name), ext) {
			file += ext
		}
		key := strings.ToLower(file)
		if first, ok := seen[key]; ok {
			it.err = badRequest("duplicate_name", fmt.Sprintf("name %q gives the file of item %d", it.Name, first))
			continue
		}
		seen[key] = i + 1
		it.file = file
	}
}

// checkItemName accepts a name only if it is one plain file name: no path
// separators, no "." or "..", no leading dot (hidden files), no control
// characters and none of the characters Windows forbids in file names.
func checkItemName(name string) *apiError {
	bad := func(why string) *apiError {
		return badRequest("bad_name", fmt.Sprintf("name %.40q %s", name, why))
	}
	switch {
	case len(name) > maxItemName:
		return bad("is longer than " + strconv.Itoa(maxItemName) + " bytes")
	case strings.HasPrefix(name, "."):
		return bad("starts with a dot")
	case strings.ContainsFunc(name, func(r rune) bool {
		return r < ' ' || r == 0x7f || r == '\uFFFD' || strings.ContainsRune(`/\:*?"<>|`, r)
	}):
		return bad("is not a plain file name")
	case strings.TrimRight(name, " ") != name:
		return bad("ends with a space") // Windows drops it: two names would meet
	}
	return nil
}
