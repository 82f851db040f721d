package org.gridgate.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.gridgate.config.ConsoleConfig.Role;
import org.gridgate.console.Sessions.Session;

/**
 * The console's HTTP API, independent of the server: sign-in, state, and the volunteers' actions.
 * Every action needs a live session and its CSRF token in {@code X-CSRF-Token}; a refused request
 * changes nothing and says why in both languages.
 */
public final class ConsoleApi {
    static final String COOKIE = "gg_session";
    static final int MAX_BODY = 4096;
    /** Read one byte more than allowed, so an oversized body is seen as such. */
    public static final int MAX_BODY_READ = MAX_BODY + 1;

    private final Console.Parts p;
    private final Board board;
    private final SignIn signIn;
    private final Sessions sessions;
    private final Actions actions;
    private final boolean secure;

    ConsoleApi(Console.Parts parts, Board board, SignIn signIn, Sessions sessions, Runnable refresh,
            SecureRandom random, boolean secure) {
        this.p = parts;
        this.board = board;
        this.signIn = signIn;
        this.sessions = sessions;
        this.secure = secure;
        this.actions = new Actions(parts, board, refresh, random);
    }

    public ApiResponse handle(ApiRequest r) {
        String route = r.method() + " " + r.path();
        if (r.body().length > MAX_BODY) {
            return ApiResponse.error(413, "too_large", "请求过大", "request too large");
        }
        if (route.equals("POST /api/signin")) {
            return json(r).map(b -> signIn(b, r.remote())).orElseGet(ConsoleApi::notJson);
        }
        if (!Routes.known(r.path())) {
            return ApiResponse.error(404, "not_found", "没有这个地址", "no such address");
        }
        if (!Routes.allowed(r.method(), r.path())) {
            return ApiResponse.error(405, "method", "不支持此操作方式", "method not allowed")
                    .with("Allow", Routes.allow(r.path()));
        }
        Optional<Session> s = sessions.touch(r.cookie(COOKIE));
        if (s.isEmpty()) {
            return ApiResponse.error(401, "signed_out", "请先登录", "please sign in");
        }
        Session session = s.get();
        if (r.method().equals("GET")) {
            return switch (r.path()) {
                case "/api/state" -> ApiResponse.json(200, fullState(session));
                case "/api/handover" -> ApiResponse.json(200,
                        board.handover(session.volunteer(), session.since(), p.clock().instant()));
                case "/api/residents" -> actions.residents(r.query().get("unit"));
                default -> ApiResponse.error(404, "not_found", "没有这个地址", "no such address");
            };
        }
        String token = r.header("x-csrf-token");
        if (token == null || !java.security.MessageDigest.isEqual(token.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                session.csrf().getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
            return ApiResponse.error(403, "csrf", "页面已过期，请刷新", "page expired: reload it");
        }
        if (r.path().equals("/api/signout")) {
            sessions.close(session.token());
            return new ApiResponse(204, Map.of("Set-Cookie", cookie("", 0)), "");
        }
        Optional<ObjectNode> body = json(r);
        if (body.isEmpty()) {
            return notJson();
        }
        return switch (r.path()) {
            case "/api/open" -> actions.manualOpen(session, body.get());
            case "/api/mode" -> session.role() == Role.LEAD ? actions.mode(session, body.get())
                    : ApiResponse.error(403, "lead_only", "只有组长可以切换模式", "only a lead may change the mode");
            case "/api/assist" -> actions.assist(session, body.get());
            case "/api/mask" -> actions.confirmMask(session);
            case "/api/ack" -> actions.acknowledge(session, body.get());
            default -> ApiResponse.error(404, "not_found", "没有这个地址", "no such address");
        };
    }

    /** For the event stream: the session behind the request, if it is live (does not count as activity). */
    public boolean signedIn(ApiRequest r) {
        return sessions.touch(r.cookie(COOKIE)).isPresent();
    }

    /** For an open event stream: false once its session expired or signed out, and the stream must end. */
    public boolean stillSignedIn(ApiRequest r) {
        return sessions.alive(r.cookie(COOKIE));
    }

    /** The first frame of an event stream: everything the page shows, feed included. */
    public String snapshotJson() {
        Map<String, Object> m = new LinkedHashMap<>(board.state());
        m.put("feed", board.feed());
        return Json.write(m);
    }

    private Map<String, Object> fullState(Session s) {
        Map<String, Object> m = new LinkedHashMap<>(board.state());
        m.put("feed", board.feed());
        m.put("you", Map.of("id", s.volunteer(), "role", Texts.lower(s.role()), "csrf", s.csrf()));
        return m;
    }

    private ApiResponse signIn(ObjectNode body, String remote) {
        JsonNode id = body.get("id");
        JsonNode pin = body.get("pin");
        if (id == null || !id.isTextual() || pin == null || !pin.isTextual() || id.asText().length() > 64
                || pin.asText().length() > PinHash.MAX_PIN) {
            return ApiResponse.error(400, "bad_request", "请填写编号和密码", "enter your id and PIN");
        }
        return switch (signIn.attempt(id.asText(), pin.asText().toCharArray(), remote)) {
            case SignIn.Result.Ok ok -> {
                Session s = sessions.open(ok.volunteer());
                yield ApiResponse.json(200, Map.of("id", s.volunteer(), "role", Texts.lower(s.role()),
                        "csrf", s.csrf())).with("Set-Cookie", cookie(s.token(), -1));
            }
            case SignIn.Result.Wrong w -> ApiResponse.json(401, Map.of("error", "wrong_pin",
                    "zh", "编号或密码错误（还可尝试 " + w.remaining() + " 次）",
                    "en", "wrong id or PIN (" + w.remaining() + " tries left)"));
            case SignIn.Result.Locked l -> {
                long minutes = Math.max(1, (java.time.Duration.between(p.clock().instant(), l.until()).toSeconds() + 59) / 60);
                String at = Texts.time(l.until(), p.zone());
                yield ApiResponse.json(423, Map.of("error", "locked",
                        "zh", "密码错误次数过多，账号已锁定 " + minutes + " 分钟（至 " + at + "）；急需请联系组长",
                        "en", "too many wrong PINs: account locked for " + minutes + " min (until " + at
                                + "); ask your lead if it cannot wait",
                        "until", l.until().toString()));
            }
            case SignIn.Result.TooFast t -> ApiResponse.error(429, "too_fast", "尝试太频繁，请稍候",
                    "too many attempts: wait a moment").with("Retry-After",
                    Long.toString(Math.max(1, t.retryAfter().toSeconds())));
        };
    }

    private String cookie(String value, int maxAge) {
        return COOKIE + "=" + value + "; Path=/; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
                + (maxAge >= 0 ? "; Max-Age=" + maxAge : "");
    }

    private static Optional<ObjectNode> json(ApiRequest r) {
        String type = r.header("content-type");
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            return Optional.empty(); // also what stops a plain cross-site form post
        }
        return Json.object(r.body());
    }

    private static ApiResponse notJson() {
        return ApiResponse.error(400, "bad_request", "请求格式错误", "malformed request: a JSON object is expected");
    }
}
