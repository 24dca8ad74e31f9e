module example.com/pinger

go 1.23
