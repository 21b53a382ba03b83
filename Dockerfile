# Multi-stage build: a static costgate binary on a distroless, non-root base.
FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o /out/costgate ./cmd/costgate

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/costgate /usr/local/bin/costgate
USER nonroot:nonroot
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/costgate"]
CMD ["serve"]
