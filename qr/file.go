package qr

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// WriteFile encodes text at the given level and writes the code to the file
// at path, as PNG or SVG according to the extension (".png" or ".svg", in
// any case). opts are given to Encode, so render options among them become
// the Code's render defaults and the image is drawn with them; their errors,
// an image over MaxImageSide included, come from Encode. Any other extension
// returns an error wrapping ErrInvalidOption before anything is encoded.
//
// The image is rendered in memory, written to a temporary file in the same
// directory and renamed to path once complete: on error there is no partial
// file, and an existing file at path is either left alone or replaced whole.
// The file written has permissions 0644; those of a replaced file are not
// kept.
func WriteFile(path, text string, level Level, opts ...Option) error {
	ext := strings.ToLower(filepath.Ext(path))
	if ext != ".png" && ext != ".svg" {
		return fmt.Errorf("qr: %w: %s: extension %q is not .png or .svg", ErrInvalidOption, path, ext)
	}
	code, err := Encode(text, level, opts...)
	if err != nil {
		return err
	}
	var img bytes.Buffer
	if ext == ".png" {
		err = code.WritePNG(&img)
	} else {
		err = code.WriteSVG(&img)
	}
	if err != nil {
		return err
	}
	if err := writeWhole(path, img.Bytes()); err != nil {
		return fmt.Errorf("qr: writing %s: %w", path, err)
	}
	return nil
}

// writeWhole writes data to a temporary file beside path and renames it to
// path, removing the temporary file if any step fails.
func writeWhole(path string, data []byte) (err error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			os.Remove(f.Name())
		}
	}()
	_, err = f.Write(data)
	if err == nil {
		err = f.Chmod(0o644)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}
