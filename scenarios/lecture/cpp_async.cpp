# include <future>

int asyncFunction() {
    std::this_thread::sleep_for(std::chrono::duration<double>({{delay}}));
    return {{value}};
}

int main() {
    std::future<int> result = std::async(std::launch::async, asyncFunction);
    int value = result.get();
}
