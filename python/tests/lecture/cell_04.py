type(sleep_generator)
