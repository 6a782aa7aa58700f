package main

import (
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

// collect lists the files named by paths: files as given, directories
// recursively in lexical order. Inside directories, entries whose names
// start with a dot (.git, .DS_Store) are skipped, and symbolic links are
// followed to files but not to directories, so a walk cannot loop. A path
// that cannot be read becomes an input with an error, so it is reported
// like any other failed file.
func collect(paths []string) []input {
	var inputs []input
	for _, p := range paths {
		fi, err := os.Stat(p)
		if err != nil {
			inputs = append(inputs, input{path: p, err: err})
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
			if d.Type().IsRegular() || d.Type()&fs.ModeSymlink != 0 && isFile(path) {
				inputs = append(inputs, input{path: path})
			}
			return nil
		})
	}
	return inputs
}

// isFile reports whether path, followed through symbolic links, is a
// regular file.
func isFile(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode().IsRegular()
}
