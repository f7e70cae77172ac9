package dev.arf.notify;

import dev.arf.core.notify.OutboxEntry;
import dev.arf.core.notify.Secret;
import dev.arf.notify.net.GuardedSockets;
import dev.arf.notify.net.UrlGuard;
import dev.arf.notify.net.UrlVerdict;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * E-mail over SMTP with Jakarta Mail (Eclipse Angus): a plain-text message per notification to the
 * configured recipients, {@code Message-ID: <delivery id@arf>} so a message sent twice (at least once)
 * is recognisable. The SMTP host goes through the SSRF guard like any URL (a private relay must be
 * allow-listed), and the connection's socket checks the address it connects to. STARTTLS when
 * configured (required, not opportunistic), authentication when a user is set.
 *
 * <p>Failures: authentication refused, addresses refused and 5xx replies are final; connection
 * problems and 4xx replies are retried.
 */
public final class EmailChannel implements Channel {
    public static final Set<EventType> DEFAULT_EVENTS = SlackChannel.DEFAULT_EVENTS;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Where and how to send. @param password null without authentication */
    public record Smtp(
            String host, int port, boolean startTls, String username, Secret password, String from, List<String> to) {
        public Smtp {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(from, "from");
            to = List.copyOf(to);
            if (to.isEmpty()) {
                throw new IllegalArgumentException("an e-mail channel needs at least one recipient");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("SMTP port out of range: " + port);
            }
        }

        @Override
        public String toString() {
            return "Smtp[" + host + ":" + port + ", startTls=" + startTls + ", user=" + username + ", password="
                    + (password == null ? "none" : Secret.MASK) + ", from=" + from + ", to=" + to + "]";
        }
    }

    private final Smtp smtp;
    private final Set<EventType> events;
    private final UrlGuard guard;
    private final GuardedSockets sockets;

    public EmailChannel(Smtp smtp, Set<EventType> events, UrlGuard guard) {
        this.smtp = Objects.requireNonNull(smtp, "smtp");
        this.events = events.isEmpty() ? DEFAULT_EVENTS : Set.copyOf(events);
        this.guard = Objects.requireNonNull(guard, "guard");
        this.sockets = new GuardedSockets(guard);
    }

    @Override
    public String name() {
        return "email";
    }

    @Override
    public String receiver() {
        return "smtp " + smtp.host() + ":" + smtp.port();
    }

    @Override
    public boolean accepts(Notification n) {
        return events.contains(n.type());
    }

    @Override
    public Optional<String> render(Notification n) {
        String subject = "[ARF] " + n.severity().key().toUpperCase(java.util.Locale.ROOT) + " "
                + Channels.truncate(n.summary().replace('\n', ' ').replace('\r', ' '), 180);
        StringBuilder text = new StringBuilder();
        text.append(n.summary()).append("\n\n");
        text.append("Event:      ").append(n.type().wireName()).append('\n');
        if (n.service() != null) {
            text.append("Service:    ").append(n.service()).append('\n');
        }
        if (n.incidentId() != null) {
            text.append("Incident:   ").append(n.incidentId()).append('\n');
        }
        if (n.incidentState() != null) {
            text.append("State:      ").append(Channels.stateName(n)).append('\n');
        }
        text.append("Severity:   ").append(n.severity().key()).append('\n');
        text.append("Occurred at: ").append(n.occurredAt()).append("\n\n");
        text.append("Details:\n").append(n.payload().toPrettyString()).append('\n');
        ObjectNode message = JSON.createObjectNode();
        message.put("subject", subject);
        message.put("text", text.toString());
        return Optional.of(JSON.writeValueAsString(message));
    }

    @Override
    public Attempt send(OutboxEntry entry, Instant now) {
        Optional<UrlVerdict.Refused> refused = guard.checkHost(smtp.host());
        if (refused.isPresent()) {
            return new Attempt.Permanent(refused.get().toString());
        }
        Properties props = new Properties();
        props.put("mail.smtp.host", smtp.host());
        props.put("mail.smtp.port", Integer.toString(smtp.port()));
        props.put("mail.smtp.connectiontimeout", "5000");
        props.put("mail.smtp.timeout", "15000");
        props.put("mail.smtp.writetimeout", "15000");
        props.put("mail.smtp.socketFactory", sockets.socketFactory());
        props.put("mail.smtp.socketFactory.fallback", "false");
        if (smtp.startTls()) {
            props.put("mail.smtp.starttls.enable", "true");
            props.put("mail.smtp.starttls.required", "true");
        }
        boolean auth = smtp.username() != null && smtp.password() != null;
        props.put("mail.smtp.auth", Boolean.toString(auth));
        Session session = Session.getInstance(props);
        try {
            var stored = JSON.readTree(entry.body());
            MimeMessage message = new IdentifiedMessage(session, "<" + entry.id() + "@arf>");
            message.setFrom(new InternetAddress(smtp.from(), true));
            List<InternetAddress> recipients = new ArrayList<>();
            for (String to : smtp.to()) {
                recipients.add(new InternetAddress(to, true));
            }
            message.setRecipients(Message.RecipientType.TO, recipients.toArray(InternetAddress[]::new));
            message.setSubject(stored.path("subject").asString(), "UTF-8");
            message.setText(stored.path("text").asString(), "UTF-8");
            message.setSentDate(Date.from(now));
            message.setHeader("X-ARF-Delivery", entry.id());
            if (auth) {
                Transport.send(message, smtp.username(), smtp.password().reveal());
            } else {
                Transport.send(message);
            }
            return new Attempt.Delivered("accepted by " + receiver());
        } catch (AuthenticationFailedException e) {
            return new Attempt.Permanent("SMTP authentication refused by " + receiver());
        } catch (AddressException e) {
            return new Attempt.Permanent("bad address: " + e.getMessage());
        } catch (SMTPSendFailedException e) {
            String reason = "SMTP " + e.getReturnCode() + " from " + receiver() + ": " + e.getMessage();
            return e.getReturnCode() >= 500
                    ? new Attempt.Permanent(reason)
                    : new Attempt.Retryable(reason, Optional.empty());
        } catch (SendFailedException e) {
            return new Attempt.Permanent("recipients refused by " + receiver() + ": " + e.getMessage());
        } catch (MessagingException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof dev.arf.notify.net.SsrfRefusedException s) {
                return new Attempt.Permanent(s.refusal().toString());
            }
            return new Attempt.Retryable(
                    "cannot send through " + receiver() + ": "
                            + cause.getClass().getSimpleName()
                            + (cause.getMessage() == null ? "" : ": " + cause.getMessage()),
                    Optional.empty());
        }
    }

    @Override
    public List<Secret> secrets() {
        return smtp.password() == null ? List.of() : List.of(smtp.password());
    }

    @Override
    public String toString() {
        return "EmailChannel[" + smtp + "]";
    }

    /** A MimeMessage that keeps the Message-ID it is given (Jakarta Mail would make a new one on save). */
    private static final class IdentifiedMessage extends MimeMessage {
        private final String id;

        IdentifiedMessage(Session session, String id) {
            super(session);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", id);
        }
    }
}
