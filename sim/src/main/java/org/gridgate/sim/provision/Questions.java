package org.gridgate.sim.provision;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.gridgate.console.PinHash;
import org.gridgate.sim.Args;

/**
 * Asks on stdin what no flag answered; re-asks a bad answer up to three times. PINs are read without
 * echo when there is a terminal.
 */
record Questions(Args a, BufferedReader in, PrintStream out, Console console) {
    String ask(String flag, String question, String fallback, Function<String, String> problem) throws IOException {
        Optional<String> given = flag == null ? Optional.empty() : a.get(flag);
        if (given.isPresent()) {
            String why = problem.apply(given.get());
            if (why != null) {
                throw new ProvisionCommand.MissingAnswer(flag + " " + given.get() + ": " + why);
            }
            return given.get();
        }
        for (int attempt = 0; attempt < 3; attempt++) {
            out.print(question + (fallback == null || fallback.isEmpty() ? "" : " [" + fallback + "]") + ": ");
            out.flush();
            String line = in.readLine();
            if (line == null) {
                out.println();
                if (fallback == null) {
                    throw new ProvisionCommand.MissingAnswer("no answer for: " + question + (flag == null ? "" : " (or give " + flag + ")"));
                }
                return fallback;
            }
            String v = line.isBlank() ? fallback : line.trim();
            String why = v == null ? "an answer is needed" : problem.apply(v);
            if (why == null) {
                return v;
            }
            out.println("  " + why);
        }
        throw new ProvisionCommand.MissingAnswer("no usable answer for: " + question);
    }

    List<Provisioner.Volunteer> volunteers() throws IOException {
        out.println("volunteers who may sign in to the console: each with their own PIN (the first is the lead)");
        List<Provisioner.Volunteer> list = new ArrayList<>();
        while (true) {
            String id = ask(null, "volunteer " + (list.size() + 1) + " id" + (list.isEmpty() ? "" : " (Enter when done)"),
                    list.isEmpty() ? null : "", v -> v.isEmpty() || v.matches("[A-Za-z0-9_.-]{1,32}")
                            ? (list.stream().anyMatch(x -> x.id().equals(v)) ? "already added" : null)
                            : "1-32 letters, digits, '.', '_' or '-'");
            if (id.isEmpty()) {
                return list;
            }
            boolean lead = ask(null, "  role of " + id + ": lead or volunteer", list.isEmpty() ? "lead" : "volunteer",
                    v -> v.equals("lead") || v.equals("volunteer") ? null : "lead or volunteer").equals("lead");
            char[] pin = pin(id);
            try {
                list.add(new Provisioner.Volunteer(id, lead, PinHash.hash(pin, PinHash.DEFAULT_ITERATIONS,
                        new SecureRandom())));
            } finally {
                Arrays.fill(pin, '\0');
            }
        }
    }

    private char[] pin(String id) throws IOException {
        for (int attempt = 0; attempt < 3; attempt++) {
            String prompt = "  PIN for " + id + " (4-32 digits, their own): ";
            char[] pin;
            if (console != null) {
                pin = console.readPassword("%s", prompt);
            } else {
                out.print(prompt);
                out.flush();
                String line = in.readLine();
                pin = line == null ? null : line.trim().toCharArray();
            }
            if (pin == null) {
                out.println();
                throw new ProvisionCommand.MissingAnswer("no PIN for volunteer " + id);
            }
            String why = Pins.problem(pin);
            if (why == null) {
                return pin;
            }
            Arrays.fill(pin, '\0');
            out.println("  " + why);
        }
        throw new ProvisionCommand.MissingAnswer("no usable PIN for volunteer " + id);
    }
}
