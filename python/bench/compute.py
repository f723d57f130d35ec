# The compute workload of `make bench` (issue 14): recursive calls, loops, a
# dict and f-strings, the work a teaching program does between awaits.


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def words(n):
    counts = {}
    for i in range(n):
        key = f"w{i % 1000:04d}"
        counts[key] = counts.get(key, 0) + i
    return counts


def main():
    print(f"fib(29) = {fib(29)}")
    counts = words(300_000)
    print(f"{len(counts)} keys, w0042 = {counts['w0042']}")
    total = 0
    for i in range(1_000_000):
        total += i * i % 7
    print(f"total = {total:,}")


main()
