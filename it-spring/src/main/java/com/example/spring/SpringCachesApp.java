package com.example.spring;

import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.caffeine.CaffeineCacheManager;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * A Spring Boot application that knows nothing of mapwatch, for {@code SpringCachesIT}: {@code
 * @Cacheable} beans over two cache managers, driven with known traffic ({@link Traffic}).
 *
 * <ul>
 *   <li>{@link #CONCURRENT} ({@link ConcurrentMapCacheManager}, the primary one): dynamic, each
 *       cache created on its first use ({@code prices}, {@code quotes}, and {@code users}, which
 *       {@link Directory} uses without annotations);
 *   <li>{@link #CAFFEINE} ({@link CaffeineCacheManager}): {@code stock} registered up front with its
 *       own Caffeine builder, and dynamic for the rest ({@code rates}, {@code late}).
 * </ul>
 *
 * <p>At start-up it runs {@link Traffic#startUp()} and prints {@code traffic done}; then it reads
 * one command a line from stdin and answers {@code ok <command>}: {@code late} ({@link
 * Traffic#late()}: the cache {@code late} is created then, long after start-up), {@code exit}
 * (closes the context and exits 0). It exits too when stdin closes; an unknown command is answered
 * {@code unsupported <command>}. Cost: a Spring Boot start (about two seconds).
 */
@SpringBootApplication
@EnableCaching
public class SpringCachesApp {

    /** The bean name of the {@link ConcurrentMapCacheManager}. */
    public static final String CONCURRENT = "concurrentCaches";

    /** The bean name of the {@link CaffeineCacheManager}. */
    public static final String CAFFEINE = "caffeineCaches";

    /**
     * Dynamic: a cache is created on first use. Primary, as the interceptor needs one manager for the
     * operations that name none (none here do).
     */
    @Bean(CONCURRENT)
    @Primary
    CacheManager concurrentCaches() {
        return new ConcurrentMapCacheManager();
    }

    /**
     * {@code stock} bounded at 100 entries, registered up front; any other name is created on first
     * use from the default builder. ({@code setCacheNames} would make the manager static.)
     */
    @Bean(CAFFEINE)
    CacheManager caffeineCaches() {
        CaffeineCacheManager caches = new CaffeineCacheManager();
        caches.setCaffeine(Caffeine.newBuilder().maximumSize(1_000));
        caches.registerCustomCache("stock", Caffeine.newBuilder().maximumSize(100).build());
        return caches;
    }

    public static void main(String[] args) throws IOException {
        try (ConfigurableApplicationContext context =
                SpringApplication.run(SpringCachesApp.class, args)) {
            Traffic traffic = context.getBean(Traffic.class);
            traffic.startUp();
            System.out.println("traffic done");
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line; (line = in.readLine()) != null; ) {
                switch (line) {
                    case "late" -> {
                        traffic.late();
                        System.out.println("ok late");
                    }
                    case "exit" -> {
                        System.out.println("ok exit");
                        return;
                    }
                    default -> System.out.println("unsupported " + line);
                }
            }
        }
    }
}
