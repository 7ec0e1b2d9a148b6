package org.opencem.core.it;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/** Runs requests from many client threads at once, for races between writers. */
final class Concurrently {

    private Concurrently() {
    }

    /**
     * @param count how many at once, each on its own thread
     * @param work the work of the n-th
     * @param <T> its result
     * @return the results, in order
     */
    static <T> List<T> run(int count, Function<Integer, T> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            List<Callable<T>> tasks = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                tasks.add(() -> work.apply(n));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : pool.invokeAll(tasks)) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }
}
