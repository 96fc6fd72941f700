// What a peer can reach through a node's gateway, with the node in this
// process and the peer in a second actor system connected over loopback.
#include <doctest/doctest.h>

#include <cerrno>
#include <future>
#include <memory>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <caf/actor_system.hpp>
#include <caf/actor_system_config.hpp>
#include <caf/io/middleman.hpp>
#include <caf/scoped_actor.hpp>

#include "log_capture.hpp"
#include "tradenode/messages/errc.hpp"
#include "tradenode/messages/register_types.hpp"
#include "tradenode/node/builtin_factories.hpp"
#include "tradenode/node/remote/remote_interfaces.hpp"
#include "tradenode/node/trading_node.hpp"
#include "wait_until.hpp"

namespace tn = tradenode;
using namespace std::chrono_literals;

namespace {

struct peer_system {
  caf::actor_system_config cfg;
  std::unique_ptr<caf::actor_system> sys;

  peer_system() {
    tn::register_types(cfg);
    cfg.load<caf::io::middleman>();
    sys = std::make_unique<caf::actor_system>(cfg);
  }
};

// Sends `xs` to `whom` and returns the error it answers with (none if it
// answered with a value).
template <class... Ts>
caf::error ask(caf::scoped_actor& self, const caf::actor& whom, Ts&&... xs) {
  caf::error result;
  self->request(whom, 30s, std::forward<Ts>(xs)...)
    .receive([](caf::message&) {}, [&](caf::error& err) { result = std::move(err); });
  return result;
}

// A running node in this process whose gateway (token "let-me-in") listens
// on a free loopback port; stopped and disposed at the end.
struct gateway_node {
  std::shared_ptr<tn::test::log_capture> logs = std::make_shared<tn::test::log_capture>();
  std::unique_ptr<tn::trading_node> node;
  std::future<void> done;
  uint16_t port = 0;

  gateway_node() {
    tn::node_config cfg;
    cfg.logging.console = false;
    cfg.logging.extra_sinks = {logs};
    cfg.remote.enabled = true;
    cfg.remote.token = "let-me-in";
    node = std::make_unique<tn::trading_node>(std::move(cfg), tn::builtin_factories());
    node->build();
    done = node->run_async();
    REQUIRE(tn::test::wait_until([&] { return node->state() == tn::node_state::running; }, 60s));
    caf::scoped_actor self{node->system()};
    self->request(node->handle(), 30s, caf::get_atom_v, caf::publish_atom_v)
      .receive([&](uint16_t x) { port = x; }, [](caf::error&) {});
    REQUIRE(port != 0);
  }

  ~gateway_node() {
    node->stop();
    done.get();
    node->dispose();
  }
};

// A TCP connection to the loopback port, as a raw socket.
int connect_loopback(uint16_t port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  ::inet_pton(AF_INET, "127.0.0.1", &addr.sin_addr);
  REQUIRE(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  return fd;
}

// Sends `bytes` on a new connection (reading whatever the node sends, its
// BASP handshake) and returns whether the node closed it within 30 s.
bool node_hangs_up(uint16_t port, const std::string& bytes) {
  auto fd = connect_loopback(port);
  timeval wait{30, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &wait, sizeof wait);
  ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
  bool closed = false;
  char buf[4096];
  for (;;) {
    auto n = ::recv(fd, buf, sizeof buf, 0);
    if (n > 0 || (n < 0 && errno == EINTR))
      continue;
    closed = n == 0 || errno == ECONNRESET;
    break;
  }
  ::close(fd);
  return closed;
}

} // namespace

TEST_CASE("malformed frames from a peer are dropped with its connection, the node serves on") {
  gateway_node gw;
  auto& node = *gw.node;
  auto port = gw.port;
  // A frame whose header is garbage (no such BASP operation, absurd sizes):
  // CAF's BASP broker drops the connection.
  CHECK(node_hangs_up(port, std::string(512, '\xff')));
  // A peer that sends half a header and goes away.
  auto fd = connect_loopback(port);
  ::send(fd, "\x01\x02\x03", 3, MSG_NOSIGNAL);
  ::close(fd);
  // The node runs on and its gateway answers the next peer.
  CHECK(node.state() == tn::node_state::running);
  peer_system peer;
  auto gateway = peer.sys->middleman().remote_actor<tn::gateway_actor>("127.0.0.1", port);
  REQUIRE(gateway);
  caf::scoped_actor self{*peer.sys};
  CHECK(ask(self, caf::actor_cast<caf::actor>(*gateway), tn::attach_atom_v, std::string{},
            tn::strategy_id::of("Peer-001"))
        == caf::make_error(tn::errc::unauthorized));
  CHECK(node.state() == tn::node_state::running);
}

TEST_CASE("a peer reaches the gateway's interface only, and only with the token") {
  gateway_node gw;
  auto& node = *gw.node;
  auto& logs = gw.logs;
  auto port = gw.port;
  peer_system peer;
  auto typed = peer.sys->middleman().remote_actor<tn::gateway_actor>("127.0.0.1", port);
  REQUIRE(typed);
  // Untyped, to send it what its interface does not have.
  auto gateway = caf::optional<caf::actor>{caf::actor_cast<caf::actor>(*typed)};
  caf::scoped_actor self{*peer.sys};
  // The supervisor's and the engines' messages are not the gateway's.
  CHECK(ask(self, *gateway, tn::stop_atom_v) == caf::sec::unexpected_message);
  CHECK(ask(self, *gateway, caf::get_atom_v, tn::engines_atom_v) == caf::sec::unexpected_message);
  CHECK(logs->contains("Gateway: dropped a message outside its interface from node "
                       + to_string(peer.sys->node())));
  CHECK(node.state() == tn::node_state::running);
  // No token, a wrong token: refused, and the log names the peer's node.
  CHECK(ask(self, *gateway, tn::attach_atom_v, std::string{}, tn::strategy_id::of("Peer-001"))
        == caf::make_error(tn::errc::unauthorized));
  CHECK(ask(self, *gateway, tn::topics_atom_v, std::string{"guess"}, std::string{"orders"},
            caf::actor{})
        == caf::make_error(tn::errc::unauthorized));
  CHECK(logs->contains("Gateway: refused a strategy from node " + to_string(peer.sys->node())
                       + ": wrong token"));
  // With the token: bad arguments are named.
  CHECK(ask(self, *gateway, tn::topics_atom_v, std::string{"let-me-in"}, std::string{"candles"},
            caf::actor{})
        == caf::make_error(tn::errc::invalid_argument));
  // A link takes commands for its own strategy only.
  caf::actor link;
  self->request(*gateway, 30s, tn::attach_atom_v, std::string{"let-me-in"},
                tn::strategy_id::of("Peer-001"))
    .receive([&](caf::actor& x, tn::trader_id&) { link = std::move(x); },
             [](caf::error& err) { FAIL(to_string(err)); });
  REQUIRE(link);
  tn::cancel_all_orders spoofed{tn::trader_id::of("TRADER-001"), tn::strategy_id::of("Other-001"),
                                tn::instrument_id::of("BTCUSDT.SIM"), tn::order_side::no_order_side,
                                caf::none, tn::uuid4{}, 0};
  self->send(link, spoofed);
  CHECK(tn::test::wait_until(
    [&] {
      return logs->contains("Remote strategy Peer-001: dropped a cancel_all_orders for "
                            "strategy Other-001 of trader TRADER-001");
    },
    60s));
  // The link is no strategy of the node until its front attached.
  CHECK(ask(self, link, caf::get_atom_v, tn::engines_atom_v) == caf::sec::unexpected_message);
  // Exit messages from a peer are ignored: it cannot stop the gateway.
  self->send_exit(*gateway, caf::exit_reason::user_shutdown);
  CHECK(tn::test::wait_until(
    [&] { return logs->contains("Gateway: ignored an exit message from node"); }, 60s));
  CHECK(ask(self, *gateway, tn::attach_atom_v, std::string{}, tn::strategy_id::of("Peer-002"))
        == caf::make_error(tn::errc::unauthorized));
  // An exit with reason kill cannot be ignored in CAF 0.17: the node publishes
  // a new gateway on the same port.
  self->send_exit(*gateway, caf::exit_reason::kill);
  REQUIRE(tn::test::wait_until(
    [&] { return logs->count("Gateway listening on 127.0.0.1:" + std::to_string(port)) == 2; },
    60s));
  CHECK(logs->contains("Gateway terminated (kill): publishing it again"));
  auto again = peer.sys->middleman().remote_actor<tn::gateway_actor>("127.0.0.1", port);
  REQUIRE(again);
  CHECK(ask(self, caf::actor_cast<caf::actor>(*again), tn::attach_atom_v, std::string{},
            tn::strategy_id::of("Peer-003"))
        == caf::make_error(tn::errc::unauthorized));
}
