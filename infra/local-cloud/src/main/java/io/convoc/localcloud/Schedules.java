package io.convoc.localcloud;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * EventBridge schedules, locally: a function's {@code Type: Schedule} events (a rule with {@code rate(…)} or
 * {@code cron(…)}) are driven by a timer that invokes the function's handler (one instance per function, created
 * as Lambda creates it, at the first tick) with the real {@link ScheduledEvent} EventBridge sends: source
 * {@code aws.events}, detail-type {@code Scheduled Event}, time now, resources the rule's ARN. Locally every
 * schedule fires every {@code localPeriod} whatever its expression (a reconciler every 5 minutes would show
 * nothing in a demo), the first time one period after the start. A failing handler is logged; the timer goes on.
 * A function's ticks never overlap (a slow one delays the next).
 */
public final class Schedules implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RATE = Pattern.compile("rate\\(\\s*(\\d+)\\s+(minute|minutes|hour|hours|day|days)\\s*\\)");

    /** One {@code Type: Schedule} event of a function, as template.yaml declares it. */
    public record Schedule(String functionLogicalId, String eventName, String expression, boolean enabled,
                           boolean hasInput) {
        /** The rule's ARN as it reaches the function in {@code resources}. */
        public String ruleArn() {
            return "arn:aws:events:" + LocalCloud.REGION + ":" + LocalCloud.ACCOUNT + ":rule/convoc-local-"
                    + functionLogicalId + eventName;
        }

        /** The period of a {@code rate(…)} expression; null for {@code cron(…)}. */
        public Duration rate() {
            return Schedules.rate(expression);
        }
    }

    private final ScheduledExecutorService timer;
    private final List<Schedule> schedules;
    private final Map<String, AtomicInteger> invocations = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
    private final List<Object> handlers = new ArrayList<>();
    private boolean closed;

    private Schedules(List<Schedule> schedules, int threads) {
        this.schedules = List.copyOf(schedules);
        AtomicInteger n = new AtomicInteger();
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "schedule-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        this.timer = executor;
    }

    /** The enabled and disabled {@code Type: Schedule} events of a function, in template order. */
    public static List<Schedule> of(Template template, String function) {
        List<Schedule> out = new ArrayList<>();
        Template.map(template.function(function).get("Events")).forEach((name, e) -> {
            Map<String, Object> event = Template.map(e);
            if ("Schedule".equals(event.get("Type"))) {
                Map<String, Object> p = Template.map(event.get("Properties"));
                String expression = String.valueOf(p.get("Schedule")).strip();
                if (!expression.startsWith("cron(") && rate(expression) == null) {
                    throw new IllegalArgumentException(function + "." + name + ": not a schedule expression: " + expression);
                }
                boolean enabled = !Boolean.FALSE.equals(p.get("Enabled"))
                        && !"DISABLED".equals(p.get("State"));
                out.add(new Schedule(function, name, expression, enabled, p.containsKey("Input")));
            }
        });
        return out;
    }

    /** The period of {@code rate(5 minutes)}; null when the expression is not a rate. */
    public static Duration rate(String expression) {
        Matcher m = RATE.matcher(expression.strip());
        if (!m.matches()) {
            return null;
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "minute", "minutes" -> Duration.ofMinutes(n);
            case "hour", "hours" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    /**
     * Starts a timer for every enabled schedule of the functions named.
     *
     * @param log where to say what fires when (and what fails)
     */
    public static Schedules start(Template template, Collection<String> functions, Duration localPeriod,
                                  PrintStream log, java.util.function.Function<String, Object> newHandler) {
        if (localPeriod.isZero() || localPeriod.isNegative()) {
            throw new IllegalArgumentException("local period " + localPeriod);
        }
        List<Schedule> all = new ArrayList<>();
        for (String fn : functions) {
            all.addAll(of(template, fn));
        }
        List<String> scheduled = all.stream().filter(Schedule::enabled).map(Schedule::functionLogicalId)
                .distinct().toList();
        Schedules schedules = new Schedules(all, scheduled.size());
        for (String fn : scheduled) {
            List<Schedule> ofFunction = all.stream().filter(s -> s.enabled() && s.functionLogicalId().equals(fn)).toList();
            Object[] handler = new Object[1];
            for (Schedule s : ofFunction) {
                log.printf("[schedule] %s (%s): %s in AWS, every %s s locally%n", fn, s.eventName(), s.expression(),
                        localPeriod.toMillis() % 1000 == 0 ? String.valueOf(localPeriod.toSeconds())
                                : String.valueOf(localPeriod.toMillis() / 1000.0));
                if (s.hasInput()) {
                    log.printf("[schedule] %s (%s): its Input is not sent locally; the function gets the ScheduledEvent%n",
                            fn, s.eventName());
                }
                schedules.timer.scheduleAtFixedRate(() -> schedules.tick(newHandler, s, handler, log),
                        localPeriod.toMillis(), localPeriod.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        all.stream().filter(s -> !s.enabled()).forEach(s -> log.printf("[schedule] %s (%s): %s, disabled%n",
                s.functionLogicalId(), s.eventName(), s.expression()));
        return schedules;
    }

    /** One firing: never throws, or the executor would cancel the timer. */
    private void tick(java.util.function.Function<String, Object> newHandler, Schedule schedule, Object[] handler,
                      PrintStream log) {
        String fn = schedule.functionLogicalId();
        try {
            synchronized (handler) {
                if (handler[0] == null) {
                    handler[0] = newHandler.apply(fn);
                    synchronized (handlers) {
                        handlers.add(handler[0]);
                    }
                }
                invocations.computeIfAbsent(fn, k -> new AtomicInteger()).incrementAndGet();
                invoke(handler[0], event(schedule, Instant.now()), new LocalContext(fn, 1024, 120));
            }
        } catch (Throwable e) {
            failures.computeIfAbsent(fn, k -> new AtomicInteger()).incrementAndGet();
            log.printf("[schedule] %s failed: %s%n", fn, e);
        }
    }

    /** The event EventBridge sends a scheduled rule's target. */
    public static ScheduledEvent event(Schedule schedule, Instant time) {
        ScheduledEvent event = new ScheduledEvent();
        event.setVersion("0");
        event.setId(UUID.randomUUID().toString());
        event.setDetailType("Scheduled Event");
        event.setSource("aws.events");
        event.setAccount(LocalCloud.ACCOUNT);
        event.setRegion(LocalCloud.REGION);
        // EventBridge stamps the time to the second, in UTC
        event.setTime(new org.joda.time.DateTime(time.getEpochSecond() * 1000, org.joda.time.DateTimeZone.UTC));
        event.setResources(List.of(schedule.ruleArn()));
        event.setDetail(new LinkedHashMap<>());
        return event;
    }

    /** The event as JSON sees it (what a handler taking a Map, a String or a stream gets). */
    public static Map<String, Object> asMap(ScheduledEvent event) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("version", event.getVersion());
        out.put("id", event.getId());
        out.put("detail-type", event.getDetailType());
        out.put("source", event.getSource());
        out.put("account", event.getAccount());
        out.put("time", Instant.ofEpochMilli(event.getTime().getMillis()).toString());
        out.put("region", event.getRegion());
        out.put("resources", new ArrayList<>(event.getResources()));
        out.put("detail", new LinkedHashMap<>(event.getDetail()));
        return out;
    }

    /**
     * Invokes a handler with a scheduled event in the form its declared input takes: a {@link ScheduledEvent}, a
     * {@code Map} (or {@code Object}: what Lambda's Java runtime makes of JSON), a String, another type the JSON
     * maps to, or the JSON bytes for a {@link RequestStreamHandler}.
     */
    @SuppressWarnings("unchecked")
    public static Object invoke(Object handler, ScheduledEvent event, Context context) throws IOException {
        if (handler instanceof RequestHandler<?, ?> h) {
            Class<?> input = inputType(handler.getClass());
            Object argument;
            if (input == ScheduledEvent.class) {
                argument = event;
            } else if (input == null || input == Object.class || Map.class.isAssignableFrom(input)) {
                argument = asMap(event);
            } else if (input == String.class) {
                argument = JSON.writeValueAsString(asMap(event));
            } else {
                argument = JSON.convertValue(asMap(event), input);
            }
            return ((RequestHandler<Object, Object>) h).handleRequest(argument, context);
        }
        if (handler instanceof RequestStreamHandler h) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            h.handleRequest(new ByteArrayInputStream(JSON.writeValueAsBytes(asMap(event))), out, context);
            return out.toByteArray();
        }
        throw new IllegalArgumentException(handler.getClass().getName() + " is neither a RequestHandler nor a "
                + "RequestStreamHandler");
    }

    /** The input type argument of {@link RequestHandler} a handler class binds, or null when it binds none. */
    static Class<?> inputType(Class<?> handlerClass) {
        Type t = find(handlerClass, Map.of());
        if (t instanceof Class<?> c) {
            return c;
        }
        if (t instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return t == null ? null : Object.class;
    }

    private static Type find(Type type, Map<TypeVariable<?>, Type> bindings) {
        Class<?> raw;
        Map<TypeVariable<?>, Type> scope = bindings;
        if (type instanceof ParameterizedType p) {
            raw = (Class<?>) p.getRawType();
            TypeVariable<?>[] variables = raw.getTypeParameters();
            Type[] arguments = p.getActualTypeArguments();
            scope = new HashMap<>();
            for (int i = 0; i < variables.length; i++) {
                Type a = arguments[i];
                scope.put(variables[i], a instanceof TypeVariable<?> v ? bindings.getOrDefault(v, Object.class) : a);
            }
            if (raw == RequestHandler.class) {
                return scope.get(variables[0]);
            }
        } else if (type instanceof Class<?> c) {
            raw = c;
            if (raw == RequestHandler.class) {
                return Object.class; // raw type
            }
            scope = Map.of();
        } else {
            return null;
        }
        for (Type i : raw.getGenericInterfaces()) {
            Type found = find(i, scope);
            if (found != null) {
                return found;
            }
        }
        return raw.getGenericSuperclass() == null ? null : find(raw.getGenericSuperclass(), scope);
    }

    public List<Schedule> schedules() {
        return schedules;
    }

    /** Invocations of a function so far (failed ones included). */
    public int invocations(String function) {
        AtomicInteger n = invocations.get(function);
        return n == null ? 0 : n.get();
    }

    /** Invocations of a function that threw. */
    public int failures(String function) {
        AtomicInteger n = failures.get(function);
        return n == null ? 0 : n.get();
    }

    /** Stops the timers (a running invocation finishes) and closes the handlers. */
    @Override
    public void close() {
        synchronized (handlers) {
            if (closed) {
                return;
            }
            closed = true;
        }
        timer.shutdown();
        try {
            timer.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timer.shutdownNow();
        synchronized (handlers) {
            for (Object h : handlers) {
                if (h instanceof AutoCloseable c) {
                    try {
                        c.close();
                    } catch (Exception ignored) {
                        // best effort
                    }
                }
            }
        }
    }

    @Override
    public String toString() {
        return schedules.stream().map(s -> s.functionLogicalId() + " " + s.expression()).toList().toString();
    }
}
