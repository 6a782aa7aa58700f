package qr

import (
	"errors"
	"fmt"

	"github.com/qrworks/qrworks/encode"
)

// A styled encoding searches levels and versions (see encodeStyled).
const (
	// versionGrowth is how many versions past the smallest that holds the
	// data a styled encoding tries at level H, when the lower levels have
	// failed in their smallest version. A logo is a fixed share
	// of the symbol's width, but the codewords it cuts are dealt to the
	// Reed–Solomon blocks unevenly, more so in some versions than others,
	// so the spare error correction it leaves jumps from version to
	// version. Ten versions is what a logo of 0.35 needs at level H from
	// the smallest symbols (version 1 to 10; measured in docs/styling.md).
	versionGrowth = 10
	// checksPerLevel bounds the full checks (render, sample, decode) at
	// each level. Versions whose logo alone leaves too little error
	// correction are skipped without drawing (canvas.logoSpare); a version that
	// passes that test and still fails does so for its shapes or colours,
	// which a larger version rarely mends.
	checksPerLevel = 2
)

// styledSearch is the state of a styled encoding's search.
type styledSearch struct {
	st   *encodeState
	data []byte
	cand Code // the symbol tried, with the render defaults and payload
}

// encodeStyled is Code.encode for options with styling: it encodes data at
// the level asked, then at each higher one up to H, in the smallest version
// that holds it, and at H in up to versionGrowth larger versions too, and
// keeps the first symbol whose rendering with the options passes the
// check. A larger version is tried only at H so that the level, which
// costs modules in proportion, is raised before the version, which costs
// them in steps: a 25% logo asked at M comes out at Q or H in the version
// that M would have had, or one close to it. It fails with the last check's *NotScannableError when none
// does, or at once when what fails cannot be mended by a level or a
// version: contrast, quiet zone, function patterns. On error c is
// unchanged.
func (c *Code) encodeStyled(st *encodeState, data []byte) error {
	cfg := &st.cfg.enc
	if cfg.Format != encode.QR {
		return errStyledFormat(Format(cfg.Format))
	}
	first, last := max(cfg.MinVersion, encode.MinVersion), cfg.MaxVersion
	if last == 0 {
		last = encode.MaxVersion
	}
	s := &styledSearch{st: st, data: data}
	s.cand = Code{render: st.cfg.rendering, payload: payloadHash(data)}
	var refused error
	for l := cfg.Level.Resolve(); l <= encode.H; l++ {
		if err := s.encode(l, first, last); err != nil {
			if refused != nil && errors.Is(err, ErrTooLong) {
				break // the higher levels hold less still
			}
			return err
		}
		from, to := s.cand.sym.Version(), s.cand.sym.Version()
		if l == encode.H {
			to = min(last, from+versionGrowth)
		}
		ok, err := s.versions(l, from, to)
		switch {
		case ok:
			*c = s.cand
			return nil
		case err != nil && !mendable(err):
			return err
		case err != nil:
			refused = err
		}
	}
	if refused == nil {
		// The logo left too little error correction in every version
		// tried: check the last level's smallest symbol for the report.
		if err := s.encode(s.cand.sym.Level(), first, last); err != nil {
			return err
		}
		_, _, _, refused = s.cand.renderChecked(&s.cand.render)
	}
	return refused
}

// encode encodes the data into s.cand at level l in the smallest version
// from first to last that holds it.
func (s *styledSearch) encode(l encode.Level, first, last encode.Version) error {
	cfg := &s.st.cfg.enc
	cfg.Level, cfg.MinVersion, cfg.MaxVersion = l, first, last
	if err := s.st.enc.EncodeTo(&s.cand.sym, s.data, cfg); err != nil {
		return fmt.Errorf("qr: %w", err)
	}
	return nil
}

// versions tries the versions from, which holds the data, to to at level
// l, and reports whether one passed the check, leaving it in s.cand. When
// none did it returns the last refusal (nil if the logo ruled out every
// version before any check), or at once any other error or a refusal that
// no version mends.
func (s *styledSearch) versions(l encode.Level, from, to encode.Version) (bool, error) {
	var refused error
	checks := 0
	for v := from; v <= to && checks < checksPerLevel; v++ {
		if err := s.encode(l, v, v); err != nil {
			return false, err
		}
		if s.cand.render.style.logo != nil && newCanvas(&s.cand.sym, &s.cand.render).logoSpare() < MinSpareEC {
			continue
		}
		checks++
		_, _, rep, err := s.cand.renderChecked(&s.cand.render)
		if err == nil {
			s.cand.checked = &rep
			return true, nil
		}
		if !mendable(err) {
			return false, err
		}
		refused = err
	}
	return false, refused
}

// mendable reports whether err is a refusal that a higher level or a
// larger version might mend: only the error correction and the decodes
// depend on them, not contrast, quiet zone or function patterns.
func mendable(err error) bool {
	var ns *NotScannableError
	if !errors.As(err, &ns) {
		return false
	}
	r := &ns.Report
	return r.coloursOK() && r.QuietZone && r.PatternDamage == 0
}
