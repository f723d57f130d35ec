# random: seeded runs are CPython's Mersenne Twister; unseeded starts as after random.seed(0).
import random

print("unseeded:", random.random(), random.randint(1, 6))
random.seed(0)
print("seed 0:  ", random.random(), random.randint(1, 6))
random.seed(12345)
print([random.randint(1, 100) for _ in range(5)], random.uniform(-1, 1))
cards = list("ABCDEFGH")
random.shuffle(cards)
print(cards, random.choice(cards), random.choice(range(10, 20)))
random.seed(2 ** 70 + 3)
print(random.random())
