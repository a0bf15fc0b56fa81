-- The metrics count e-mails waiting for another attempt (skyport_mail_undelivered) on every scrape interval: a
-- partial index keeps that count as small as the queue, however many e-mails were delivered.
create index email_deliveries_failed on email_deliveries (created_at) where status = 'FAILED';
