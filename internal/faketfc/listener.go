package faketfc

import (
	"net"
	"sync"
)

// switchListener can be taken down (its socket closed: connections are
// refused) and brought back up on the same address.
type switchListener struct {
	mu     sync.Mutex
	addr   net.Addr
	inner  net.Listener  // nil while down
	up     chan struct{} // closed when the listener comes back up
	done   chan struct{} // closed by Close
	closed bool
}

func newSwitchListener() (*switchListener, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	return &switchListener{addr: ln.Addr(), inner: ln, up: make(chan struct{}), done: make(chan struct{})}, nil
}

func (l *switchListener) Accept() (net.Conn, error) {
	for {
		l.mu.Lock()
		inner, up, closed := l.inner, l.up, l.closed
		l.mu.Unlock()
		if closed {
			return nil, net.ErrClosed
		}
		if inner == nil {
			select {
			case <-up:
				continue
			case <-l.done:
				return nil, net.ErrClosed
			}
		}
		conn, err := inner.Accept()
		if err == nil {
			return conn, nil
		}
		l.mu.Lock()
		wentDown := l.inner != inner && !l.closed
		l.mu.Unlock()
		if !wentDown {
			return nil, err
		}
	}
}

// down closes the socket; new connections are refused until up.
func (l *switchListener) down() {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.inner == nil || l.closed {
		return
	}
	l.inner.Close()
	l.inner = nil
	l.up = make(chan struct{})
}

// reopen listens again on the same address.
func (l *switchListener) reopen() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.inner != nil || l.closed {
		return nil
	}
	ln, err := net.Listen("tcp", l.addr.String())
	if err != nil {
		return err
	}
	l.inner = ln
	close(l.up)
	return nil
}

func (l *switchListener) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		return nil
	}
	l.closed = true
	close(l.done)
	if l.inner != nil {
		return l.inner.Close()
	}
	return nil
}

func (l *switchListener) Addr() net.Addr { return l.addr }
