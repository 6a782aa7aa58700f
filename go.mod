module github.com/qrworks/qrworks

go 1.25

require (
	github.com/makiuchi-d/gozxing v0.1.1
	golang.org/x/image v0.36.0
	golang.org/x/time v0.14.0
)

require (
	golang.org/x/text v0.34.0 // indirect
	golang.org/x/xerrors v0.0.0-20200804184101-5ec99f83aff1 // indirect
)
