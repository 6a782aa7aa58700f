package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// input is one file to decode, or a path that could not be listed.
type input struct {
	path string
	err  error
}

// stdinPath is the path that names standard input.
const stdinPath = "-"

// errBrokenLink reports a symbolic link whose target does not exist.
var errBrokenLink = errors.New("broken symbolic link")

// collect lists the files named by paths: files as given, directories
// recursively in lexical order. Inside directories, entries whose names
// start with a dot (.git, .DS_Store) are skipped, and symbolic links are
// followed to files but not to directories, so a walk cannot loop. A path
// that cannot be read becomes an input with an error, so it is reported
// like any other failed file.
//
// The path "-" is standard input. A symbolic link whose target is missing
// is reported as a broken link, here and inside directories.
func collect(paths []string) []input {
	var inputs []input
	for _, p := range paths {
		if p == stdinPath {
			inputs = append(inputs, input{path: p})
			continue
		}
		fi, err := os.Stat(p)
		if err != nil {
			inputs = append(inputs, input{path: p, err: linkError(p, err)})
			continue
		}
		if !fi.IsDir() {
			inputs = append(inputs, input{path: p})
			continue
		}
		// Walking os.DirFS(p) rather than p follows p itself when it is a
		// symbolic link to a directory; links below p are not followed.
		fs.WalkDir(os.DirFS(p), ".", func(rel string, d fs.DirEntry, err error) error {
			path := filepath.Join(p, filepath.FromSlash(rel))
			if err != nil {
				inputs = append(inputs, input{path: path, err: err})
				return nil
			}
			if rel != "." && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.Type().IsRegular() {
				inputs = append(inputs, input{path: path})
			} else if d.Type()&fs.ModeSymlink != 0 {
				fi, err := os.Stat(path)
				switch {
				case err != nil:
					inputs = append(inputs, input{path: path, err: linkError(path, err)})
				case fi.Mode().IsRegular():
					inputs = append(inputs, input{path: path})
				}
			}
			return nil
		})
	}
	return inputs
}

// linkError returns err, the error of os.Stat(path), as a broken link
// naming its target when path is a symbolic link whose target is missing.
func linkError(path string, err error) error {
	if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	target, lerr := os.Readlink(path)
	if lerr != nil {
		return err
	}
	return fmt.Errorf("%w to %s: the target does not exist", errBrokenLink, target)
}
