import Foundation
import Testing

@testable import Lumen
@testable import LumenCLI

/// A pull request's drafts attack through the file system: what Lumen reads
/// stays inside the project unless the command line names it, and what it writes
/// goes where the user meant (docs/robustness.md, the threat model).
@Suite struct HostileFileSystemTests {
    /// A project directory (`proj/drafts`) beside an outside directory, in a fresh temporary directory.
    func project() throws -> (base: URL, drafts: URL) {
        let base = try temporaryDirectory()
        let drafts = base.appendingPathComponent("proj/drafts")
        try FileManager.default.createDirectory(at: drafts, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: base.appendingPathComponent("outside"), withIntermediateDirectories: true)
        try Data("country secret \"THE-OUTSIDE-SECRET\"\n".utf8).write(to: base.appendingPathComponent("outside/o.lumen"))
        return (base, drafts)
    }

    // MARK: Reading stays inside the project

    @Test func aUsePathWithANulIsRefusedAndNothingBehindItIsRead() throws {
        let (base, drafts) = try project()
        defer { try? FileManager.default.removeItem(at: base) }
        try Data("use \"../../outside/o.lumen\\u{0}/../../proj/drafts/x.lumen\"\n".utf8).write(to: drafts.appendingPathComponent("a.lumen"))
        let run = lumen(["check", "--root", base.appendingPathComponent("proj").path, drafts.path])
        #expect(run.status == 2)
        #expect(run.out.contains("the path contains a control character"))
        #expect(!run.out.contains("THE-OUTSIDE-SECRET"))
    }

    @Test func aWalkDoesNotFollowALinkOutOfTheProject() throws {
        let (base, drafts) = try project()
        defer { try? FileManager.default.removeItem(at: base) }
        try FileManager.default.createSymbolicLink(atPath: drafts.appendingPathComponent("env.lumen").path, withDestinationPath: "/proc/self/environ")
        try FileManager.default.createSymbolicLink(
            atPath: drafts.appendingPathComponent("o.lumen").path, withDestinationPath: base.appendingPathComponent("outside/o.lumen").path)
        let run = lumen(["check", drafts.path])
        #expect(run.status == 2)
        let out = relativize(run.out, to: drafts)
        #expect(out.contains("error[L0203]: cannot read `env.lumen`: it is a link that leaves the project root (to `/proc/"))
        #expect(out.contains("error[L0203]: cannot read `o.lumen`: it is a link that leaves the project root"))
        #expect(!run.out.contains("PATH=") && !run.out.contains("THE-OUTSIDE-SECRET"))
        // Named on the command line, the outside file is read: the user asked for it.
        #expect(lumen(["check", base.appendingPathComponent("outside/o.lumen").path]).status == 0)
    }

    @Test func aLinkInsideTheProjectToAHugeFileIsRefusedByTheFilesOwnSize() throws {
        let (base, drafts) = try project()
        defer { try? FileManager.default.removeItem(at: base) }
        let huge = base.appendingPathComponent("proj/huge.data")
        #expect(FileManager.default.createFile(atPath: huge.path, contents: nil))
        let handle = try FileHandle(forWritingTo: huge)
        try handle.truncate(atOffset: 70 << 20)  // sparse: 70 MiB that take no disk
        try handle.close()
        try FileManager.default.createSymbolicLink(atPath: drafts.appendingPathComponent("big.lumen").path, withDestinationPath: huge.path)
        let run = lumen(["check", "--root", base.appendingPathComponent("proj").path, drafts.path])
        #expect(run.status == 2)
        #expect(run.out.contains("is larger than the limit of 64 MiB per file"))
    }

    @Test func aProjectFileCannotNameFilesOutsideTheProject() throws {
        let (base, drafts) = try project()
        defer { try? FileManager.default.removeItem(at: base) }
        let config = base.appendingPathComponent("proj/lumen.json")
        try Data(#"{"paths": ["drafts", "../outside"], "baseline": "/proc/self/environ", "rules": ["../outside"]}"#.utf8).write(to: config)
        let run = lumen(["check", "--config", config.path])
        #expect(run.status == 2)
        let out = relativize(run.out, to: base)
        #expect(out.contains("error[L0206]: `paths` names `../outside`, outside the project (the directory of lumen.json)"))
        #expect(out.contains("error[L0206]: `baseline` names `/proc/self/environ`, outside the project"))
        #expect(out.contains("error[L0206]: `rules` names `../outside`, outside the project"))
        #expect(out.contains("= help: a project file cannot make lumen read outside its project; give the path on the command line (`--baseline FILE`) to read it"))
        #expect(!run.out.contains("PATH=") && !run.out.contains("THE-OUTSIDE-SECRET"))
        _ = drafts
    }

    @Test func useTakesDraftsOnlyAndAFileThatIsNotTextIsNeverShown() throws {
        let (base, drafts) = try project()
        defer { try? FileManager.default.removeItem(at: base) }
        try Data("KEY=hunter2\u{0}\n".utf8).write(to: drafts.appendingPathComponent("key.bin"))
        try Data("use \"key.bin\"\n".utf8).write(to: drafts.appendingPathComponent("a.lumen"))
        let run = lumen(["check", drafts.appendingPathComponent("a.lumen").path])
        #expect(run.status == 2)
        #expect(relativize(run.out, to: drafts).hasPrefix("error[L0203]: cannot read `key.bin`: `use` takes .lumen, .json and .csv drafts only\n"))
        #expect(!run.out.contains("hunter2"))
    }

    @Test func aDeletedWorkingDirectoryEndsTheSearchForTheProjectFile() {
        #expect(Lumen.findConfiguration(from: "") == nil)
        #expect(Lumen.findConfiguration(from: "relative/dir") == nil)
    }

    // MARK: Writing goes where the user meant

    static let draft = "resolution plan \"Plan\" {\n  measure idle \"Idle\"\n}\n"

    @Test func aDeviceIsWrittenThroughNeverReplaced() throws {
        let (base, drafts) = try project()
        defer { try? FileManager.default.removeItem(at: base) }
        try Data(Self.draft.utf8).write(to: drafts.appendingPathComponent("plan.lumen"))
        let run = lumen(["check", "--output", "/dev/null", drafts.path])
        #expect(run.status == 0)
        var status = stat()
        #expect(stat("/dev/null", &status) == 0 && status.st_mode & S_IFMT == S_IFCHR)
    }

    @Test func aFifoIsWrittenThrough() async throws {
        let (base, drafts) = try project()
        defer { try? FileManager.default.removeItem(at: base) }
        try Data(Self.draft.utf8).write(to: drafts.appendingPathComponent("plan.lumen"))
        let fifo = base.appendingPathComponent("report.fifo").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let reader = Task.detached { () -> String in
            guard let handle = FileHandle(forReadingAtPath: fifo) else { return "" }
            return String(decoding: handle.readDataToEndOfFile(), as: UTF8.self)
        }
        let run = lumen(["check", "--format", "json", "--output", fifo, drafts.path])
        #expect(run.status == 0)
        let written = await reader.value
        #expect(written.hasPrefix("{\n  \"version\": 1,"))
        var status = stat()
        #expect(lstat(fifo, &status) == 0 && status.st_mode & S_IFMT == S_IFIFO)
    }

    @Test func aLinkIsKeptAndItsTargetWrittenWithItsOwnPermissions() throws {
        let (base, drafts) = try project()
        defer { try? FileManager.default.removeItem(at: base) }
        try Data(Self.draft.utf8).write(to: drafts.appendingPathComponent("plan.lumen"))
        let target = base.appendingPathComponent("real-report.txt")
        try Data("old\n".utf8).write(to: target)
        #expect(chmod(target.path, 0o640) == 0)
        let link = base.appendingPathComponent("report.txt")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: target.path)
        #expect(lumen(["check", "--output", link.path, drafts.path]).status == 0)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == target.path)
        #expect(try String(contentsOf: target, encoding: .utf8).hasSuffix("checked 1 file: 1 warning\n"))
        var status = stat()
        #expect(stat(target.path, &status) == 0 && status.st_mode & 0o777 == 0o640)
    }

    @Test func anOutputThatIsAnInputIsRefused() throws {
        let (base, drafts) = try project()
        defer { try? FileManager.default.removeItem(at: base) }
        let plan = drafts.appendingPathComponent("plan.lumen")
        try Data(Self.draft.utf8).write(to: plan)
        let run = lumen(["check", "--output", plan.path, drafts.path])
        #expect(run.status == 2)
        #expect(run.error == "error: `\(plan.path)` is one of the files being checked; write the report elsewhere\n")
        #expect(try String(contentsOf: plan, encoding: .utf8) == Self.draft)
        let audit = lumen(["audit", drafts.path, "--html", plan.path])
        #expect(audit.status == 2)
        #expect(try String(contentsOf: plan, encoding: .utf8) == Self.draft)
    }

    @Test func aLinkPlantedAtAPredictableTemporaryNameIsNotFollowed() throws {
        let (base, drafts) = try project()
        defer { try? FileManager.default.removeItem(at: base) }
        try Data(Self.draft.utf8).write(to: drafts.appendingPathComponent("plan.lumen"))
        let victim = base.appendingPathComponent("victim.txt")
        try Data("keep me\n".utf8).write(to: victim)
        // The name the old writer used: `.NAME.lumen-PID.tmp`; a new one must never write through it.
        let pid = ProcessInfo.processInfo.processIdentifier
        try FileManager.default.createSymbolicLink(
            atPath: base.appendingPathComponent(".report.txt.lumen-\(pid).tmp").path, withDestinationPath: victim.path)
        #expect(lumen(["check", "--output", base.appendingPathComponent("report.txt").path, drafts.path]).status == 0)
        #expect(try String(contentsOf: victim, encoding: .utf8) == "keep me\n")
    }

    @Test func aFileChangedWhileBeingRewrittenIsNotOverwritten() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("plan.lumen")
        try Data("resolution plan \"P\"\n".utf8).write(to: file)
        let original = Array("resolution plan \"P\"\n".utf8)
        // Lines appended between the read and the write are kept: the writer refuses.
        try Data("resolution plan \"P\"\nresolution added \"A\"\n".utf8).write(to: file)
        let result = OutputFile.write("resolution plan \"P\"\n", to: file.path, unchangedFrom: original)
        guard case .failure(let error) = result else {
            Issue.record("the write went through")
            return
        }
        #expect(error.message.hasSuffix("it changed while lumen was working on it; run lumen again"))
        #expect(try String(contentsOf: file, encoding: .utf8) == "resolution plan \"P\"\nresolution added \"A\"\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["plan.lumen"])
    }

    // MARK: Output that cannot be written

    @Test func aFullDiskIsAnErrorNotACrash() throws {
        let full = open("/dev/full", O_WRONLY)
        try #require(full >= 0)
        defer { close(full) }
        let errors = Recorder()
        var console = Console.streams(output: full, error: STDERR_FILENO)
        console.writeError = errors.console().writeError
        let status = LumenCommand.run(["check", Paths.repository.appendingPathComponent("Examples").path], console: console)
        #expect(status == ExitStatus.invalid)
        #expect(errors.error.hasSuffix("error: cannot write to standard output: No space left on device\n"))
    }

    @Test func aClosedPipeEndsTheRunQuietly() throws {
        // The executable ends by SIGPIPE (as `main.swift` does); this test process must not.
        signal(SIGPIPE, SIG_IGN)
        var ends: [Int32] = [0, 0]
        try #require(pipe(&ends) == 0)
        close(ends[0])
        defer { close(ends[1]) }
        let errors = Recorder()
        var console = Console.streams(output: ends[1], error: STDERR_FILENO)
        console.writeError = errors.console().writeError
        let status = LumenCommand.run(["check", Paths.repository.appendingPathComponent("Examples").path], console: console)
        #expect(status == ExitStatus.closedPipe)
        #expect(!errors.error.contains("error: cannot write"))
    }
}
