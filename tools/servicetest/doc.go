// Package servicetest checks what the service promises to the people who
// deploy and call it, with tools the library must not depend on: the
// OpenAPI description of qr/qrhttp against the running handler (validated
// with libopenapi-validator), and the Kubernetes manifests of
// deploy/kubernetes (decoded strictly into the Kubernetes API types).
//
// It is a module of its own so that those dependencies stay out of the
// qrworks module's go.mod. Run it from this directory:
//
//	go test ./...
//
// .ci/steps/80-deploy.sh runs it in CI.
package servicetest
