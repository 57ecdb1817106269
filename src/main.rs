use std::process::ExitCode;

fn main() -> ExitCode {
    vigie::cli::principal()
}
