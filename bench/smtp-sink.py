#!/usr/bin/env python3
"""A minimal SMTP server that accepts every message and throws it away, counting messages and bytes.

Real SMTP over TCP (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT), standard library only, for benchmarks:
  bench/smtp-sink.py --port 2525 --count-file /tmp/sink.count
The count file holds "<messages> <bytes>" and is rewritten after every message.
"""
import argparse
import asyncio
import os
import signal

messages = 0
total_bytes = 0


async def session(reader, writer, count_file):
    global messages, total_bytes
    writer.write(b"220 127.0.0.1 skyport-bench-sink ESMTP\r\n")
    try:
        while True:
            line = await reader.readline()
            if not line:
                break
            verb = line[:4].upper()
            if verb == b"EHLO":
                writer.write(b"250-127.0.0.1\r\n250-8BITMIME\r\n250-SIZE 52428800\r\n250 SMTPUTF8\r\n")
            elif verb in (b"HELO", b"MAIL", b"RCPT", b"RSET", b"NOOP"):
                writer.write(b"250 OK\r\n")
            elif verb == b"DATA":
                writer.write(b"354 End data with <CR><LF>.<CR><LF>\r\n")
                await writer.drain()
                data = await reader.readuntil(b"\r\n.\r\n")
                messages += 1
                total_bytes += len(data)
                if count_file:
                    tmp = count_file + ".tmp"
                    with open(tmp, "w") as f:
                        f.write(f"{messages} {total_bytes}\n")
                    os.replace(tmp, count_file)
                writer.write(b"250 OK queued\r\n")
            elif verb == b"QUIT":
                writer.write(b"221 Bye\r\n")
                await writer.drain()
                break
            else:
                writer.write(b"502 Command not implemented\r\n")
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionResetError, asyncio.LimitOverrunError):
        pass
    finally:
        writer.close()


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=2525)
    parser.add_argument("--count-file")
    args = parser.parse_args()
    server = await asyncio.start_server(lambda r, w: session(r, w, args.count_file), args.host, args.port,
                                        limit=64 * 1024 * 1024)
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        asyncio.get_running_loop().add_signal_handler(sig, stop.set)
    print(f"SMTP sink listening on {args.host}:{args.port}", flush=True)
    async with server:
        await stop.wait()
    print(f"SMTP sink received {messages} messages, {total_bytes} bytes", flush=True)


if __name__ == "__main__":
    asyncio.run(main())
