package api

import (
	"errors"
	"log/slog"
	"net/http"

	"github.com/labstack/echo/v4"
)

// ErrorBody is the one error shape of every endpoint:
// {"error":{"code":"...","message":"...","field":"..."}}. Details lists
// every field problem when there are several.
type ErrorBody struct {
	Error ErrorDetail `json:"error"`
}

// ErrorDetail describes one error.
type ErrorDetail struct {
	Code    string        `json:"code"`
	Message string        `json:"message"`
	Field   string        `json:"field,omitempty"`
	Details []FieldDetail `json:"details,omitempty"`
}

// FieldDetail is one problem with one input field.
type FieldDetail struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// Error is an error a handler returns to be rendered as ErrorBody.
type Error struct {
	Status int
	Detail ErrorDetail
}

func (e *Error) Error() string { return e.Detail.Message }

// NewError builds an *Error; code is a stable machine-readable word.
func NewError(status int, code, message string) *Error {
	return &Error{Status: status, Detail: ErrorDetail{Code: code, Message: message}}
}

// errorHandler renders every error as ErrorBody. Unknown errors are 500
// with a generic message (the cause goes to the log, not the client).
func errorHandler(logger *slog.Logger) echo.HTTPErrorHandler {
	return func(err error, c echo.Context) {
		if c.Response().Committed {
			return
		}
		status, body := http.StatusInternalServerError, ErrorBody{Error: ErrorDetail{Code: "internal", Message: "internal error"}}
		var apiErr *Error
		var echoErr *echo.HTTPError
		switch {
		case errors.As(err, &apiErr):
			status, body.Error = apiErr.Status, apiErr.Detail
		case errors.As(err, &echoErr):
			status = echoErr.Code
			body.Error = ErrorDetail{Code: codeForStatus(status), Message: http.StatusText(status)}
			if m, ok := echoErr.Message.(string); ok && m != "" {
				body.Error.Message = m
			}
		default:
			logger.ErrorContext(c.Request().Context(), "request failed", "method", c.Request().Method, "path", c.Path(), "error", err)
		}
		if c.Request().Method == http.MethodHead {
			err = c.NoContent(status)
		} else {
			err = c.JSON(status, body)
		}
		if err != nil {
			logger.WarnContext(c.Request().Context(), "writing error response", "error", err)
		}
	}
}

func codeForStatus(status int) string {
	switch status {
	case http.StatusNotFound:
		return "not_found"
	case http.StatusMethodNotAllowed:
		return "method_not_allowed"
	case http.StatusUnauthorized:
		return "unauthorized"
	case http.StatusForbidden:
		return "forbidden"
	case http.StatusRequestEntityTooLarge:
		return "too_large"
	case http.StatusServiceUnavailable:
		return "unavailable"
	}
	if status >= 500 {
		return "internal"
	}
	return "bad_request"
}
