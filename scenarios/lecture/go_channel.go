ch := make(chan int)
go func() {
    time.Sleep({{delay}} * time.Second)
    ch <- {{value}}
}()
value := <-ch
