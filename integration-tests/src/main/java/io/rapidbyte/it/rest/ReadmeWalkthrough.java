package io.rapidbyte.it.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The README's walkthrough as a test runs it: the fenced {@code sh} blocks between
 * {@value #BEGIN} and {@value #END}, each one step titled by its first comment line, run with
 * bash as written except for the worker URL. Every {@code curl} call of a step is recorded (its
 * arguments, HTTP status and body) through a bash function that wraps the real curl and passes
 * the body on unchanged, so the commands' pipes ({@code | jq}, {@code --data @-}) work as they do
 * for a user. Stateless.
 */
public final class ReadmeWalkthrough {
    public static final String BEGIN = "<!-- walkthrough:begin -->";
    public static final String END = "<!-- walkthrough:end -->";
    /** The worker URL the README's commands use; replaced by the test worker's. */
    public static final String README_URL = "http://localhost:8083";

    private static final Pattern BLOCK = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL);
    // Records each call as one JSON line (jq builds it, so any body is quoted right) and prints the
    // body for the pipe; a failed transfer keeps curl's exit status.
    private static final String CURL_RECORDER = """
            set -euo pipefail
            curl() {
                local answer
                answer=$(command curl --max-time 60 -w '\\n%{http_code}' "$@") || return $?
                jq -c -n --arg args "$*" --arg code "${answer##*$'\\n'}" --arg body "${answer%$'\\n'*}" \\
                    '{args: $args, status: ($code | tonumber), body: $body}' >> "$WALKTHROUGH_LOG"
                printf '%s\\n' "${answer%$'\\n'*}"
            }
            """;

    public record Step(String title, String script) {
    }

    /** One curl call: its arguments as written (URL replaced), the HTTP status and the body. */
    public record Answer(String args, int status, String body) {
        public JsonNode json() {
            try {
                return new ObjectMapper().readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (curl " + args + "): " + body, e);
            }
        }

        public boolean calls(String method, String urlEnd) {
            return args.contains("-X " + method + " ") && args.trim().endsWith(urlEnd);
        }
    }

    public record Outcome(int exitCode, String output, List<Answer> answers) {
        /** The one answer to {@code method} on a URL ending with {@code urlEnd}. */
        public Answer answer(String method, String urlEnd) {
            List<Answer> found = answers.stream().filter(a -> a.calls(method, urlEnd)).toList();
            if (found.size() != 1) {
                throw new AssertionError(found.size() + " calls " + method + " …" + urlEnd + " in " + answers);
            }
            return found.get(0);
        }
    }

    private ReadmeWalkthrough() {
    }

    /** The steps of {@code readme}, in order; fails when the markers are missing. */
    public static List<Step> steps(Path readme) {
        String text;
        try {
            text = Files.readString(readme, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + readme, e);
        }
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalStateException(readme + " has no " + BEGIN + " … " + END + " section");
        }
        List<Step> steps = new ArrayList<>();
        Matcher m = BLOCK.matcher(text.substring(begin, end));
        while (m.find()) {
            String script = m.group(1);
            String first = script.lines().findFirst().orElse("");
            if (!first.startsWith("# ")) {
                throw new IllegalStateException("a walkthrough block must start with a '# title' line: " + script);
            }
            steps.add(new Step(first.substring(2).trim(), script));
        }
        return steps;
    }

    /**
     * Runs {@code step} with bash in {@code workDir} (where {@code config/} holds the edited
     * payloads) against {@code restUrl}; kills it after {@code timeout}.
     */
    public static Outcome run(Step step, String restUrl, Path workDir, Duration timeout) {
        try {
            Path log = Files.createTempFile(workDir, "walkthrough", ".jsonl");
            Path output = Files.createTempFile(workDir, "walkthrough", ".out");
            ProcessBuilder pb = new ProcessBuilder("bash", "-c",
                    CURL_RECORDER + step.script().replace(README_URL, restUrl))
                    .directory(workDir.toFile()).redirectErrorStream(true).redirectOutput(output.toFile());
            pb.environment().put("WALKTHROUGH_LOG", log.toString());
            Process p = pb.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new AssertionError("step \"" + step.title() + "\" did not end within " + timeout + ":\n"
                        + Files.readString(output));
            }
            List<Answer> answers = new ArrayList<>();
            ObjectMapper json = new ObjectMapper();
            for (String line : Files.readAllLines(log)) {
                JsonNode a = json.readTree(line);
                answers.add(new Answer(a.get("args").asText(), a.get("status").asInt(), a.get("body").asText()));
            }
            return new Outcome(p.exitValue(), Files.readString(output), List.copyOf(answers));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run step \"" + step.title() + "\"", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
