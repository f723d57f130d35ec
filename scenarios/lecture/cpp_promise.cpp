#include <iostream>
#include <future>
#include <thread>

void calculateSquare(std::promise<int> prom, int value) {
    std::this_thread::sleep_for(std::chrono::duration<double>({{delay}}));
    int result = value * value;
    prom.set_value(result);
}

int main() {
    std::promise<int> prom;
    std::future<int> fut = prom.get_future();

    std::thread t(calculateSquare, std::move(prom), {{value}});

    int result = fut.get();
    std::cout << "Квадрат числа {{value}} равен: " << result << std::endl;

    t.join();
    return 0;
}
