package main

import (
	"flag"
	"fmt"
	"net/http"
)

func main() {
	listen := flag.String("listen", ":9100", "address to serve on")
	flag.Parse()
	http.HandleFunc("/", func(w http.ResponseWriter, _ *http.Request) { fmt.Fprintln(w, "pong") })
	_ = http.ListenAndServe(*listen, nil)
}
