package qrhttp

import (
	"math"
	"strconv"
	"strings"

	"github.com/qrworks/qrworks/qr"
)

// The symbol type of /api/generate: "symbol" ("qr", the default, "micro" or
// "rmqr") and, for rMQR, "max_height" (in modules, 7 to 17; 0 or absent
// for any). A request that leaves "level" or "quiet" out gets the symbol's
// defaults: level H and a quiet zone of 4 modules for QR, M and 2 for
// Micro QR, H and 2 for rMQR (their standards' minimum quiet zones).

// symbols maps the names "symbol" takes to the formats.
var symbols = map[string]qr.Format{"qr": qr.QR, "micro": qr.MicroQR, "rmqr": qr.RMQR}

// quietDefault in a request's Quiet means "quiet" was not given: the
// symbol's default applies. It is the one int no valid request sends
// (quiet must be 0 or more), and not one a client sends by mistake.
const quietDefault = math.MinInt

// rmqrMaxHeight is the height of the tallest rMQR symbols (ISO/IEC 23941
// Table 1): a larger max_height allows every symbol, as 17 does.
const rmqrMaxHeight = 17

// Options built once, so that a request for a Micro QR or rMQR symbol
// builds none: formatOpts[f] is qr.As(f), maxHeightOpts[n] is
// qr.MaxHeight(n) for n in 7..17.
var (
	formatOpts    = [...]qr.Option{qr.QR: qr.As(qr.QR), qr.MicroQR: qr.As(qr.MicroQR), qr.RMQR: qr.As(qr.RMQR)}
	maxHeightOpts = func() (o [rmqrMaxHeight + 1]qr.Option) {
		for n := 7; n <= rmqrMaxHeight; n++ {
			o[n] = qr.MaxHeight(n)
		}
		return o
	}()
)

// resolveSymbol checks the symbol fields of g, fills p.symbol and
// p.maxHeight, and gives "level" and "quiet" the symbol's defaults where
// the request left them out. It runs before the other checks of validate.
func resolveSymbol(g *genRequest, p *genParams) *apiError {
	f, ok := symbols[strings.ToLower(g.Symbol)]
	if !ok {
		return badRequest("bad_symbol", `symbol must be one of "qr", "micro", "rmqr"`)
	}
	p.symbol = f
	switch {
	case g.MaxHeight == 0:
		p.maxHeight = 0
	case f != qr.RMQR:
		return badRequest("bad_max_height", `max_height applies to symbol "rmqr" only`)
	case g.MaxHeight < 7:
		return badRequest("bad_max_height", "max_height must be at least 7, the lowest rMQR symbol")
	default:
		p.maxHeight = min(g.MaxHeight, rmqrMaxHeight)
	}
	if g.Level == "" {
		g.Level = f.DefaultLevel().String()
	}
	if g.Quiet == quietDefault {
		g.Quiet = defaultQuiet
		if f != qr.QR {
			g.Quiet = qr.DefaultMicroQuietZone
		}
	}
	return nil
}

// appendSymbolOpts appends the options of p's symbol type, none for a QR
// Code.
func (p *genParams) appendSymbolOpts(opts []qr.Option) []qr.Option {
	if p.symbol != qr.QR {
		opts = append(opts, formatOpts[p.symbol])
	}
	if p.maxHeight != 0 {
		opts = append(opts, maxHeightOpts[p.maxHeight])
	}
	return opts
}

// symbolQuery fills g's symbol fields from a query string's values.
func symbolQuery(g *genRequest, get func(string) string) *apiError {
	if v := get("symbol"); v != "" {
		g.Symbol = v
	}
	if v := get("max_height"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			return badRequest("bad_max_height", "max_height must be an integer")
		}
		g.MaxHeight = n
	}
	return nil
}
